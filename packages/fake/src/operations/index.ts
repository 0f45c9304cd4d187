// Every implemented operation, by operationId. An operation of the spec that is not here is
// routed and validated all the same, and answered 501 (see http/app.ts).
import type { Handlers } from "./context.js";
import { conversationHandlers } from "./conversations.js";
import { emailHandlers } from "./email.js";
import { liveChatHandlers } from "./live-chat.js";
import { messageHandlers } from "./messages.js";
import { preferenceHandlers } from "./preferences.js";
import { recordingHandlers } from "./recordings.js";
import { uploadHandlers } from "./uploads.js";

export const handlers: Handlers = {
  ...conversationHandlers,
  ...messageHandlers,
  ...emailHandlers,
  ...uploadHandlers,
  ...preferenceHandlers,
  ...recordingHandlers,
  ...liveChatHandlers,
};

/** The operationIds the fake implements. */
export const implementedOperations: readonly string[] = Object.keys(handlers);
