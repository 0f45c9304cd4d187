// Call recordings and transcriptions, from what the fixtures gave a call message.
import { type Handlers, fail, findMessage, ok } from "./context.js";
import type { Context } from "./context.js";

function callMessage(context: Context, locationId: string, messageId: string) {
  const message = findMessage(context, messageId);
  return message && message.locationId === locationId ? message : undefined;
}

export const recordingHandlers: Handlers = {
  "get-message-recording": ({ path }, context) => {
    const recording = callMessage(context, path.locationId, path.messageId)?.recording;
    if (!recording) return fail(404, `No recording for message ${path.messageId} in location ${path.locationId}`);
    return { status: 200, body: recording, contentType: "audio/x-wav", headers: { "Content-Disposition": "attachment; filename=audio.wav" } };
  },

  "get-message-transcription": ({ path }, context) => {
    const sentences = callMessage(context, path.locationId, path.messageId)?.transcription;
    // The vendor answers a single object: the first sentence.
    if (!sentences?.[0]) return fail(404, `No transcription for message ${path.messageId} in location ${path.locationId}`);
    return ok(sentences[0]);
  },

  "download-message-transcription": ({ path }, context) => {
    const sentences = callMessage(context, path.locationId, path.messageId)?.transcription;
    if (!sentences?.length) return fail(404, `No transcription for message ${path.messageId} in location ${path.locationId}`);
    return {
      status: 200,
      body: sentences.map((sentence) => sentence.transcript).join("\n"),
      contentType: "text/plain; charset=utf-8",
      headers: { "Content-Disposition": "attachment; filename=transcription.txt" },
    };
  },
};
