// What the bot answers, and on which channel: the send-message body for an InboundMessage, or
// nothing when the channel cannot be answered by message (a call, a voicemail).
import type { Schema } from "@conversations-api/client";
import type { InboundMessage } from "@conversations-api/webhooks";

export type SendMessageBody = Schema<"SendMessageBodyDto">;

/** Webhook channels (`messageType`) that can be answered, and the send-message `type` that answers each. */
const replyChannels: Partial<Record<string, SendMessageBody["type"]>> = {
  SMS: "SMS",
  Email: "Email",
  FB: "FB",
  IG: "IG",
  "Live Chat": "Live_Chat",
};

export const defaultReplyText = "Thanks for your message! We have received it and will get back to you shortly.";

/** The reply to `message`, or undefined when its channel cannot be answered by message. */
export function replyTo(message: InboundMessage, text: string = defaultReplyText): SendMessageBody | undefined {
  const type = replyChannels[message.messageType];
  if (!type) return undefined;
  if (type === "Email") {
    const subject = message.subject ? (message.subject.startsWith("Re:") ? message.subject : `Re: ${message.subject}`) : "Re: your message";
    return {
      type,
      contactId: message.contactId,
      subject,
      html: `<p>${escapeHtml(text)}</p>`,
      ...(message.emailMessageId ? { replyMessageId: message.emailMessageId } : {}),
      ...(message.threadId ? { threadId: message.threadId } : {}),
    };
  }
  return { type, contactId: message.contactId, message: text };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
