// What real deliveries carry beyond the vendor's field lists (spec DEVIATIONS: webhook-delivered-fields,
// webhook-custom-message-type, provider-custom-type), so that a receiver tested against the fake sees
// the shapes HighLevel sends: the message's numeric and `TYPE_*` type on InboundMessage and
// OutboundMessage, `Custom` as the channel of a custom provider's messages, the sender of an SMS.
import type { ContactRecord, MessageRecord } from "../state/records.js";
import { isEmailType, messageTypeCode } from "../state/channels.js";

/** The message types of a custom conversation provider added as an extra SMS provider. */
const customProviderTypes = new Set(["TYPE_CUSTOM_PROVIDER_SMS"]);

/** `Custom` where HighLevel delivers it: a message of a custom provider's extra SMS channel. */
export const isCustomProviderMessage = (messageType: string) => customProviderTypes.has(messageType);

export interface DeliveredMessageFields {
  messageTypeId?: number;
  messageTypeString: string;
  messageType?: string;
  from?: string;
}

/** The fields of InboundMessage / OutboundMessage that only real deliveries show. */
export function deliveredMessageFields(message: MessageRecord, contact: ContactRecord | undefined): DeliveredMessageFields {
  const code = messageTypeCode(message.messageType);
  return {
    // TYPE_RCS has no documented code: left out rather than invented.
    ...(code > 0 ? { messageTypeId: code } : {}),
    messageTypeString: message.messageType,
    ...(isCustomProviderMessage(message.messageType) ? { messageType: "Custom" } : {}),
    // An inbound text's sender is the contact's number (an email's `from` is the email's own).
    ...(message.direction === "inbound" && !isEmailType(message.messageType) && contact?.phone ? { from: contact.phone } : {}),
  };
}
