// The vendor's many vocabularies for "channel" (see the spec's DEVIATIONS.md), mapped onto one:
// the `TYPE_*` message type names. Numeric codes come from the spec's code tables.
import type { components, operations } from "@conversations-api/types";
import { spec } from "../spec/operations.js";

type SendType = components["schemas"]["SendMessageBodyDto"]["type"];
type InboundType = components["schemas"]["ProcessMessageBodyDto"]["type"];
type ExportChannel = NonNullable<NonNullable<operations["export-messages-by-location"]["parameters"]["query"]>["channel"]>;

/** `TYPE_*` name -> numeric code, from the spec's MessageTypeCode table. */
const MESSAGE_TYPE_CODES = new Map<string, number>(
  (spec.components.schemas.MessageTypeCode.oneOf as Array<{ const: number; title: string }>).map((entry) => [entry.title, entry.const]),
);

/** The numeric `type` of a message; 0 for a name without a documented code (TYPE_RCS). */
export const messageTypeCode = (messageType: string) => MESSAGE_TYPE_CODES.get(messageType) ?? 0;

/** Conversation type code <-> the `TYPE_*` name search answers with, from the spec's ConversationTypeCode table. */
const CONVERSATION_TYPES = (spec.components.schemas.ConversationTypeCode.oneOf as Array<{ const: number; description: string }>)
  .filter((entry) => entry.description.startsWith("TYPE_"))
  .map((entry) => ({ code: entry.const, name: entry.description }));

export const conversationTypeNames = CONVERSATION_TYPES.map((type) => type.name);
export const conversationTypeCode = (name: string) => CONVERSATION_TYPES.find((type) => type.name === name)?.code;
export const conversationTypeName = (code: number) => CONVERSATION_TYPES.find((type) => type.code === code)?.name ?? "TYPE_PHONE";

export const SEND_TYPES: Record<SendType, string> = {
  SMS: "TYPE_SMS",
  RCS: "TYPE_RCS",
  Email: "TYPE_EMAIL",
  WhatsApp: "TYPE_WHATSAPP",
  IG: "TYPE_INSTAGRAM",
  FB: "TYPE_FACEBOOK",
  Custom: "TYPE_CUSTOM_PROVIDER_SMS",
  Live_Chat: "TYPE_LIVE_CHAT",
  TIKTOK: "TYPE_TIKTOK",
};

export const INBOUND_TYPES: Record<InboundType, string> = {
  SMS: "TYPE_SMS",
  RCS: "TYPE_RCS",
  Email: "TYPE_EMAIL",
  WhatsApp: "TYPE_WHATSAPP",
  GMB: "TYPE_GMB",
  IG: "TYPE_INSTAGRAM",
  FB: "TYPE_FACEBOOK",
  Custom: "TYPE_CUSTOM_PROVIDER_SMS",
  WebChat: "TYPE_WEBCHAT",
  Live_Chat: "TYPE_LIVE_CHAT",
  Call: "TYPE_CALL",
  IVR_Call: "TYPE_IVR_CALL",
  Campaign_Call: "TYPE_CAMPAIGN_CALL",
  Campaign_VoiceMail: "TYPE_CAMPAIGN_VOICEMAIL",
  TIKTOK: "TYPE_TIKTOK",
  ALL_IN_ONE_CHAT: "TYPE_LIVE_CHAT",
  FORM_SUBMISSION: "TYPE_FORM_SUBMISSION",
};

/** Export's `channel` filter -> the message types it selects. */
export const EXPORT_CHANNELS: Record<ExportChannel, readonly string[]> = {
  Call: ["TYPE_CALL", "TYPE_IVR_CALL", "TYPE_CUSTOM_CALL", "TYPE_CAMPAIGN_CALL", "TYPE_CAMPAIGN_MANUAL_CALL", "TYPE_CAMPAIGN_VOICEMAIL"],
  SMS: ["TYPE_SMS", "TYPE_CUSTOM_SMS", "TYPE_CUSTOM_PROVIDER_SMS", "TYPE_CAMPAIGN_SMS", "TYPE_CAMPAIGN_MANUAL_SMS"],
  Email: ["TYPE_EMAIL", "TYPE_CUSTOM_EMAIL", "TYPE_CUSTOM_PROVIDER_EMAIL", "TYPE_CAMPAIGN_EMAIL"],
  WhatsApp: ["TYPE_WHATSAPP"],
  Instagram: ["TYPE_INSTAGRAM", "TYPE_INSTAGRAM_COMMENT"],
  Facebook: ["TYPE_FACEBOOK", "TYPE_FACEBOOK_COMMENT", "TYPE_CAMPAIGN_FACEBOOK"],
};

/** get-messages' `type` filter uses the plural TYPE_INTERNAL_COMMENTS for TYPE_INTERNAL_COMMENT. */
export const messagesFilterType = (name: string) => (name === "TYPE_INTERNAL_COMMENTS" ? "TYPE_INTERNAL_COMMENT" : name);

/** The channel name webhooks carry in `messageType`. */
const WEBHOOK_CHANNELS: Record<string, string> = {
  TYPE_SMS: "SMS",
  TYPE_CUSTOM_SMS: "SMS",
  TYPE_CUSTOM_PROVIDER_SMS: "SMS",
  TYPE_RCS: "RCS",
  TYPE_CALL: "CALL",
  TYPE_IVR_CALL: "CALL",
  TYPE_CUSTOM_CALL: "CALL",
  TYPE_CAMPAIGN_VOICEMAIL: "VoiceMail",
  TYPE_EMAIL: "Email",
  TYPE_CUSTOM_EMAIL: "Email",
  TYPE_CUSTOM_PROVIDER_EMAIL: "Email",
  TYPE_GMB: "GMB",
  TYPE_FACEBOOK: "FB",
  TYPE_INSTAGRAM: "IG",
  TYPE_WHATSAPP: "WhatsApp",
  TYPE_LIVE_CHAT: "Live Chat",
  TYPE_WEBCHAT: "Live Chat",
  TYPE_TIKTOK: "TikTok",
  TYPE_REVIEW: "Review",
};
export const webhookChannel = (messageType: string) => WEBHOOK_CHANNELS[messageType] ?? messageType.replace(/^TYPE_/, "");

export const isEmailType = (messageType: string) => EXPORT_CHANNELS.Email.includes(messageType);
export const isCallType = (messageType: string) => EXPORT_CHANNELS.Call.includes(messageType);
