// Live chat: the agent typing indicator. It changes nothing the API can read back.
import { type Handlers, fail, findConversation, ok } from "./context.js";

export const liveChatHandlers: Handlers = {
  "live-chat-agent-typing": ({ body }, context) => {
    const conversation = findConversation(context, body.conversationId);
    // The operation documents 422 (not 404) for what it cannot process.
    if (!conversation || conversation.locationId !== body.locationId) return fail(422, `Conversation ${body.conversationId} not found in location ${body.locationId}`);
    return ok({ success: true }, 201);
  },
};
