// Uploads: a multipart upload, and the signed-URL flow (initiate, then complete). Files are kept in
// the state; their URLs are on a reserved domain (.invalid) because the fake hosts no storage.
import { MB, maxFileSize, UPLOAD_URL_LIFETIME_MS } from "../state/upload-limits.js";
import { type Context, type Handlers, fail, findConversation, ok } from "./context.js";

const STORAGE = "https://storage.fake.invalid";
// The vendor's list: JPG, JPEG, PNG, MP4, MPEG, ZIP, RAR, PDF, DOC, DOCX, TXT, MP3, WAV.
const ALLOWED_EXTENSIONS = new Set(["jpg", "jpeg", "png", "mp4", "mpeg", "zip", "rar", "pdf", "doc", "docx", "txt", "mp3", "wav"]);

const extension = (name: string) => name.split(".").pop()?.toLowerCase() ?? "";

function conversationFor(context: Context, conversationId: string, locationId: string) {
  const conversation = findConversation(context, conversationId);
  if (!conversation) return fail(400, `Conversation ${conversationId} not found`);
  if (conversation.locationId !== locationId) return fail(400, `Conversation ${conversationId} is not in location ${locationId}`);
  return conversation;
}

export const uploadHandlers: Handlers = {
  "upload-file-attachments": async ({ body, files }, context) => {
    const conversation = conversationFor(context, body.conversationId, body.locationId);
    if ("status" in conversation) return conversation;
    const attachments = files.fileAttachment ?? [];
    const urls = body.attachmentUrls ?? [];
    if (attachments.length === 0 && urls.length === 0) return fail(400, "Send a file in fileAttachment, or attachmentUrls");
    for (const file of attachments) {
      if (!ALLOWED_EXTENSIONS.has(extension(file.name))) return fail(415, `File type not supported: ${file.name}`);
      if (file.size > 5 * MB) return fail(413, `File size exceeds the limit of 5 MB: ${file.name}`);
    }
    const uploadedFiles: Record<string, string> = {};
    for (const file of attachments) {
      const url = `${STORAGE}/locations/${conversation.locationId}/conversations/${conversation.id}/${context.domain.newId()}/${encodeURIComponent(file.name)}`;
      const bytes = new Uint8Array(await file.arrayBuffer());
      context.domain.state.files.set(url, { url, locationId: conversation.locationId, conversationId: conversation.id, filename: file.name, contentType: file.type, size: bytes.byteLength, bytes });
      uploadedFiles[file.name] = url;
    }
    for (const url of urls) uploadedFiles[decodeURIComponent(url.split("/").pop() || url)] = url;
    return ok({ uploadedFiles });
  },

  "initiate-file-upload": ({ body }, context) => {
    const conversation = conversationFor(context, body.conversationId, body.locationId);
    if ("status" in conversation) return conversation;
    const limit = maxFileSize(body.channel);
    if (body.fileSize !== undefined && body.fileSize > limit) return fail(413, `File size exceeds the limit of ${limit / MB} MB for ${body.channel}`);
    const uploadId = context.domain.newUuid();
    const filePath = `locations/${conversation.locationId}/conversations/${conversation.id}/${uploadId}/${body.filename}`;
    const expiresAt = context.domain.now() + UPLOAD_URL_LIFETIME_MS;
    context.domain.state.uploads.set(uploadId, {
      uploadId,
      locationId: conversation.locationId,
      conversationId: conversation.id,
      filename: body.filename,
      contentType: body.contentType,
      ...(body.fileSize !== undefined ? { fileSize: body.fileSize } : {}),
      maxFileSize: limit,
      filePath,
      expiresAt,
      completed: false,
    });
    return ok({ uploadUrl: `${STORAGE}/upload/${encodeURI(filePath)}?uploadId=${uploadId}`, uploadId, filePath, expiresAt, maxFileSize: limit });
  },

  "complete-file-upload": ({ body }, context) => {
    const upload = context.domain.state.uploads.get(body.uploadId);
    if (!upload || (context.location !== undefined && upload.locationId !== context.location)) return fail(404, `Upload ${body.uploadId} not found`);
    const mismatch = (["filePath", "locationId", "conversationId", "filename"] as const).find((field) => upload[field] !== body[field]);
    if (mismatch) return fail(400, `${mismatch} does not match upload ${upload.uploadId}`);
    if (upload.completed) return fail(400, `Upload ${upload.uploadId} is already complete`);
    if (context.domain.now() > upload.expiresAt) return fail(400, `The upload URL of ${upload.uploadId} expired at ${new Date(upload.expiresAt).toISOString()}`);
    upload.completed = true;
    const url = `${STORAGE}/${upload.filePath}`;
    const size = upload.fileSize ?? 0;
    context.domain.state.files.set(url, { url, locationId: upload.locationId, conversationId: upload.conversationId, filename: upload.filename, contentType: upload.contentType, size });
    return ok({ uploadedFiles: { [upload.filename]: url }, metadata: { contentType: upload.contentType, size } });
  },
};
