// Messages: read one, list a conversation's, export a location's, send, add inbound and outbound
// (custom providers), review replies, cancel a scheduled one, update status, add attachments.
import type { Schema } from "@conversations-api/types";
import { INBOUND_TYPES, SEND_TYPES } from "../state/channels.js";
import type { NewEmail } from "../state/domain.js";
import { QueryError, exportPage, messagesPage } from "../state/queries.js";
import type { ConversationRecord } from "../state/records.js";
import { iso, toMessage } from "../state/views.js";
import { type Context, type Handlers, fail, findConversation, findMessage, ok } from "./context.js";

const queryFailure = (error: unknown) => {
  if (error instanceof QueryError) return fail(400, error.message);
  throw error;
};

/** The conversation a send goes to: the contact's, or a new one in the token's location. */
function conversationForSend(context: Context, contactId: string): ConversationRecord | undefined {
  const { domain } = context;
  const known = domain.state.contacts.get(contactId);
  const locationId = context.location ?? known?.locationId;
  if (!locationId) return undefined;
  return domain.conversationOfContact(locationId, contactId) ?? domain.createConversation({ locationId, contactId });
}

export const messageHandlers: Handlers = {
  "get-message": ({ path }, context) => {
    const message = findMessage(context, path.id);
    // The API wraps the message: `{ message, traceId }`.
    return message ? ok({ message: toMessage(message) }) : fail(404, `Message ${path.id} not found`);
  },

  "get-messages": ({ path, query }, context) => {
    const conversation = findConversation(context, path.conversationId);
    if (!conversation) return fail(404, `Conversation ${path.conversationId} not found`);
    try {
      // The API wraps the page: `{ messages: { lastMessageId, nextPage, messages }, traceId }`.
      return ok({ messages: messagesPage(context.domain, conversation, query) });
    } catch (error) {
      return queryFailure(error);
    }
  },

  "export-messages-by-location": ({ query }, context) => {
    try {
      return ok(exportPage(context.domain, query));
    } catch (error) {
      return queryFailure(error);
    }
  },

  "send-a-new-message": ({ body }, context) => {
    const { domain } = context;
    const conversation = conversationForSend(context, body.contactId);
    if (!conversation) return fail(400, `Contact ${body.contactId} not found`);
    const messageType = SEND_TYPES[body.type];
    const now = domain.now();
    const scheduledAt = body.scheduledTimestamp !== undefined && body.scheduledTimestamp * 1000 > now ? body.scheduledTimestamp * 1000 : undefined;
    let email: NewEmail | undefined;
    if (body.type === "Email") {
      const to = body.emailTo ?? domain.state.contacts.get(body.contactId)?.email;
      if (!to) return fail(400, `Contact ${body.contactId} has no email address: give emailTo`);
      if (!body.html && !body.message) return fail(400, "An email needs html or message");
      // replyMessageId is "the message this one replies to": a message id, or (as a webhook's
      // emailMessageId is the id at hand) the email's own id.
      const repliedMessage = body.replyMessageId ? domain.state.messages.get(body.replyMessageId) : undefined;
      const repliedEmail = body.replyMessageId
        ? (domain.state.emails.get(body.replyMessageId) ?? (repliedMessage?.emailMessageId ? domain.state.emails.get(repliedMessage.emailMessageId) : undefined))
        : undefined;
      const threadId = body.threadId ?? repliedEmail?.threadId;
      email = {
        from: body.emailFrom ?? "no-reply@fake.invalid",
        to: [to],
        cc: body.emailCc ?? [],
        bcc: body.emailBcc ?? [],
        provider: body.conversationProviderId ? "custom" : "Leadconnector Gmail",
        source: "api",
        ...(body.subject !== undefined ? { subject: body.subject } : {}),
        ...(threadId ? { threadId } : {}),
        ...(repliedEmail ? { replyToMessageId: repliedEmail.id } : {}),
        ...(body.conversationProviderId ? { conversationProviderId: body.conversationProviderId } : {}),
      };
    } else if (!body.message && !body.attachments?.length) {
      return fail(400, "message or attachments are required");
    }
    const message = domain.addMessage(
      conversation,
      {
        messageType,
        direction: "outbound",
        status: scheduledAt !== undefined ? "scheduled" : body.conversationProviderId ? "pending" : "delivered",
        body: (body.type === "Email" ? (body.html ?? body.message) : body.message) ?? "",
        attachments: body.attachments ?? [],
        dateAdded: now,
        source: "api",
        ...(scheduledAt !== undefined ? { scheduledAt } : {}),
        ...(body.conversationProviderId ? { conversationProviderId: body.conversationProviderId } : {}),
      },
      email ? { email } : {},
    );
    // As the API answers a send: the ids, no `status` nor `msg` (the vendor documents both).
    const answer: Schema<"SendMessageResponseDto"> = {
      conversationId: conversation.id,
      messageId: message.id,
      ...(message.emailMessageId ? { emailMessageId: message.emailMessageId } : {}),
    };
    return ok(answer);
  },

  "add-an-inbound-message": ({ body }, context) => {
    const conversation = findConversation(context, body.conversationId);
    if (!conversation) return fail(400, `Conversation ${body.conversationId} not found`);
    if (conversation.contactId !== body.contactId) return fail(400, `Contact ${body.contactId} is not the contact of conversation ${conversation.id}`);
    const messageType = INBOUND_TYPES[body.type];
    const email: NewEmail | undefined =
      body.type === "Email"
        ? {
            from: body.emailFrom ?? context.domain.state.contacts.get(body.contactId)?.email ?? "",
            to: body.emailTo ? [body.emailTo] : [],
            cc: body.emailCc ?? [],
            bcc: body.emailBcc ?? [],
            provider: "custom",
            conversationProviderId: body.conversationProviderId,
            ...(body.subject !== undefined ? { subject: body.subject } : {}),
            ...(body.altId ? { altId: body.altId } : {}),
            ...(body.emailMessageId ? { replyToMessageId: body.emailMessageId, threadId: context.domain.state.emails.get(body.emailMessageId)?.threadId ?? body.emailMessageId } : {}),
          }
        : undefined;
    const message = context.domain.addMessage(
      conversation,
      {
        messageType,
        // The spec (after the vendor) declares `default: "outbound"`, odd as that is for this operation.
        direction: body.direction ?? "outbound",
        status: "delivered",
        body: (body.type === "Email" ? (body.html ?? body.message) : body.message) ?? "",
        attachments: body.attachments ?? [],
        dateAdded: body.date ? Date.parse(body.date) : context.domain.now(),
        conversationProviderId: body.conversationProviderId,
        ...(body.altId ? { altId: body.altId } : {}),
        ...(body.call?.status ? { callStatus: body.call.status } : {}),
      },
      email ? { email } : {},
    );
    return ok(processed(message));
  },

  "add-an-outbound-message": ({ body }, context) => {
    const conversation = findConversation(context, body.conversationId);
    if (!conversation) return fail(400, `Conversation ${body.conversationId} not found`);
    const message = context.domain.addMessage(conversation, {
      messageType: "TYPE_CALL",
      direction: "outbound",
      status: "delivered",
      attachments: body.attachments ?? [],
      dateAdded: body.date ? Date.parse(body.date) : context.domain.now(),
      conversationProviderId: body.conversationProviderId,
      source: "api",
      ...(body.altId ? { altId: body.altId } : {}),
      ...(body.call?.status ? { callStatus: body.call.status } : {}),
    });
    return ok(processed(message));
  },

  "send-review-reply": ({ body }, context) => {
    const conversation = findConversation(context, body.conversationId);
    if (!conversation) return fail(400, `Conversation ${body.conversationId} not found`);
    if (conversation.locationId !== body.locationId) return fail(400, `Conversation ${conversation.id} is not in location ${body.locationId}`);
    const message = context.domain.addMessage(conversation, {
      messageType: "TYPE_REVIEW",
      direction: "outbound",
      status: "delivered",
      body: body.message,
      dateAdded: context.domain.now(),
      source: "api",
    });
    return ok({ conversationId: conversation.id, messageId: message.id, status: "delivered", msg: "Review reply sent." });
  },

  "cancel-scheduled-message": ({ path }, context) => {
    const message = findMessage(context, path.messageId);
    if (!message) return fail(404, `Message ${path.messageId} not found`);
    if (message.scheduledAt === undefined) return fail(400, `Message ${message.id} is not scheduled (it was sent or cancelled)`);
    context.domain.cancelScheduled(message);
    return ok({ status: 200, message: "Scheduled message cancelled successfully" });
  },

  "update-message-status": ({ path, body }, context) => {
    const message = findMessage(context, path.messageId);
    if (!message) return fail(404, `Message ${path.messageId} not found`);
    if (message.scheduledAt !== undefined) return fail(400, `Message ${message.id} is scheduled and not sent yet`);
    if (body.emailMessageId && body.emailMessageId !== message.emailMessageId) return fail(400, `Email ${body.emailMessageId} is not the email of message ${message.id}`);
    message.status = body.status;
    message.dateUpdated = context.domain.now();
    if (body.error) message.error = body.error;
    const email = message.emailMessageId ? context.domain.state.emails.get(message.emailMessageId) : undefined;
    if (email) email.status = body.status;
    return ok({ conversationId: message.conversationId, messageId: message.id, status: body.status, ...(email ? { emailMessageId: email.id } : {}) });
  },

  "add-message-attachments": ({ path, body }, context) => {
    const message = findMessage(context, path.messageId);
    if (!message) return fail(404, `Message ${path.messageId} not found`);
    if (message.messageType !== "TYPE_CALL" && message.messageType !== "TYPE_CUSTOM_CALL") {
      return fail(400, `Attachments can be added to call messages only; ${message.id} is ${message.messageType}`);
    }
    if (message.attachments.length + body.attachments.length > 5) return fail(400, "A message has at most 5 attachments");
    message.attachments.push(...body.attachments);
    message.dateUpdated = context.domain.now();
    return ok({ success: true, messageId: message.id, attachments: [...message.attachments] });
  },
};

function processed(message: { id: string; conversationId: string; contactId: string; dateAdded: number; emailMessageId?: string }): Schema<"ProcessMessageResponseDto"> {
  return {
    success: true,
    conversationId: message.conversationId,
    messageId: message.id,
    message: "Message added successfully",
    contactId: message.contactId,
    dateAdded: iso(message.dateAdded),
    ...(message.emailMessageId ? { emailMessageId: message.emailMessageId } : {}),
  };
}

