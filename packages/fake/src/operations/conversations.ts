// Conversations: search, create, get, update (unread count, star, feedback), delete.
import { QueryError, search } from "../state/queries.js";
import { messageTypeCodes, toConversationById, toConversationDto, toCreatedConversation } from "../state/views.js";
import { type Handlers, fail, findConversation, ok } from "./context.js";

export const conversationHandlers: Handlers = {
  "search-conversation": ({ query }, context) => {
    try {
      return ok(search(context.domain, query));
    } catch (error) {
      if (error instanceof QueryError) return fail(400, error.message);
      throw error;
    }
  },

  "create-conversation": ({ body }, { domain }) => {
    const existing = domain.conversationOfContact(body.locationId, body.contactId);
    if (existing) return fail(400, `Conversation already exists for contact ${body.contactId}: ${existing.id}`);
    const conversation = domain.createConversation({ locationId: body.locationId, contactId: body.contactId });
    return ok({ success: true, conversation: toCreatedConversation(conversation) }, 201);
  },

  "get-conversation": ({ path }, context) => {
    const conversation = findConversation(context, path.conversationId);
    if (!conversation) return fail(404, `Conversation ${path.conversationId} not found`);
    return ok(toConversationById(conversation, messageTypeCodes(context.domain.state, conversation.id)));
  },

  "update-conversation": ({ path, body }, context) => {
    const conversation = findConversation(context, path.conversationId);
    if (!conversation) return fail(404, `Conversation ${path.conversationId} not found`);
    if (body.locationId !== conversation.locationId) return fail(400, `Conversation ${conversation.id} is not in location ${body.locationId}`);
    if (body.unreadCount !== undefined && (!Number.isInteger(body.unreadCount) || body.unreadCount < 0)) return fail(400, "unreadCount must be a whole number, 0 or more");
    if (body.starred !== undefined) conversation.starred = body.starred;
    if (body.feedback !== undefined) conversation.feedback = body.feedback;
    // After the other changes, so that ConversationUnreadUpdate carries the conversation as it now is.
    if (body.unreadCount !== undefined) context.domain.setUnread(conversation, body.unreadCount);
    conversation.dateUpdated = context.domain.now();
    return ok({ success: true, conversation: toConversationDto(conversation) });
  },

  "delete-conversation": ({ path }, context) => {
    const conversation = findConversation(context, path.conversationId);
    if (!conversation) return fail(404, `Conversation ${path.conversationId} not found`);
    context.domain.deleteConversation(conversation);
    return ok({ success: true });
  },
};
