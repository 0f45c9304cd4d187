// Resources: a conversation with its recent messages (the client's iterator), and the two answers
// that are not JSON (a call's recording, a transcription as text), which are no tools.
import type { ReadResourceResult, ResourceTemplate } from "@modelcontextprotocol/sdk/types.js";
import { UriTemplate } from "@modelcontextprotocol/sdk/shared/uriTemplate.js";
import type { ServerContext } from "./context.js";

export const RECENT_MESSAGES = 20;

const templates = {
  conversation: new UriTemplate("conversations-api://conversations/{conversationId}"),
  recording: new UriTemplate("conversations-api://locations/{locationId}/messages/{messageId}/recording"),
  transcription: new UriTemplate("conversations-api://locations/{locationId}/messages/{messageId}/transcription"),
};

export const resourceTemplates: ResourceTemplate[] = [
  {
    uriTemplate: templates.conversation.toString(),
    name: "conversation",
    title: "A conversation and its recent messages",
    description: `The conversation (get-conversation) and its ${RECENT_MESSAGES} most recent messages, newest first (the client's conversationMessages iterator).`,
    mimeType: "application/json",
  },
  {
    uriTemplate: templates.recording.toString(),
    name: "message-recording",
    title: "A call's recording",
    description: "The recording of a call message (get-message-recording), a WAV file.",
    mimeType: "audio/x-wav",
  },
  {
    uriTemplate: templates.transcription.toString(),
    name: "message-transcription",
    title: "A call's transcription as text",
    description: "The transcription of a call message as plain text (download-message-transcription).",
    mimeType: "text/plain",
  },
];

export class ResourceError extends Error {
  override readonly name = "ResourceError";
}

function single(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) throw new ResourceError("the resource URI lacks a part");
  return decodeURIComponent(text);
}

export async function readResource(context: ServerContext, uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
  const { gateway, client, redact } = context;
  const conversation = templates.conversation.match(uri);
  if (conversation) {
    const conversationId = single(conversation.conversationId);
    const tool = gateway.route("GET", "/conversations/{conversationId}")!;
    const outcome = await gateway.call(tool, { conversationId }, signal);
    if (!outcome.ok) throw new ResourceError(outcome.message);
    const messages: unknown[] = [];
    try {
      for await (const message of client.conversationMessages(conversationId, {}, { pageSize: RECENT_MESSAGES, ...(signal ? { signal } : {}) })) {
        messages.push(message);
        if (messages.length >= RECENT_MESSAGES) break;
      }
    } catch (error) {
      throw new ResourceError(redact(`the messages of ${conversationId}: ${(error as Error).message}`));
    }
    const text = redact(JSON.stringify({ conversation: outcome.data, recentMessages: messages }));
    return { contents: [{ uri, mimeType: "application/json", text }] };
  }
  const binary = templates.recording.match(uri) ?? templates.transcription.match(uri);
  if (binary) {
    const locationId = single(binary.locationId);
    const messageId = single(binary.messageId);
    const allowed = context.options.locations;
    if (allowed?.length && !allowed.includes(locationId)) throw new ResourceError(`location ${locationId} is not in the server's allow-list`);
    const isRecording = Boolean(templates.recording.match(uri));
    const params = { params: { path: { locationId, messageId } }, ...(signal ? { signal } : {}) };
    const result = isRecording
      ? await client.GET("/conversations/messages/{messageId}/locations/{locationId}/recording", { ...params, parseAs: "arrayBuffer" } as never)
      : await client.GET("/conversations/locations/{locationId}/messages/{messageId}/transcription/download", { ...params, parseAs: "text" } as never);
    const { data, error } = result as { data?: unknown; error?: unknown; response: Response };
    if (error !== undefined) {
      const message = (error as { message?: unknown }).message;
      throw new ResourceError(redact(`${uri}: ${Array.isArray(message) ? message.join("; ") : String(message ?? JSON.stringify(error))}`));
    }
    return isRecording
      ? { contents: [{ uri, mimeType: "audio/x-wav", blob: Buffer.from(data as ArrayBuffer).toString("base64") }] }
      : { contents: [{ uri, mimeType: "text/plain", text: redact(String(data)) }] };
  }
  throw new ResourceError(`no resource matches ${uri}`);
}
