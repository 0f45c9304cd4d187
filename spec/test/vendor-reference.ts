// The vendor's operations and schemas, transcribed from its two descriptions
// (shared/reference/conversations-api.md, sections b and Appendix A, for Version 2021-04-15;
// shared/reference/conversations-api-v3.md for v3). A fixture of facts: the spec must keep every
// path, method, operationId, schema name and field name so that users can cross-reference the
// vendor's documentation, and accept on each operation the Version values of the descriptions that
// have it.

/** The values of the `Version` header: one per vendor description. */
export const vendorApiVersions = ["2021-04-15", "v3"] as const;
export type VendorApiVersion = (typeof vendorApiVersions)[number];

export interface VendorOperation {
  method: "get" | "post" | "put" | "delete";
  path: string;
  operationId: string;
  /** The descriptions that have the operation (the email operations declare no Version in either, but are in both). */
  versions?: readonly VendorApiVersion[];
}

/** Only in the 2021-04-15 description: the five preference operations are absent from v3. */
const only2021 = ["2021-04-15"] as const;

export const vendorOperations: readonly VendorOperation[] = [
  { method: "get", path: "/conversations/search", operationId: "search-conversation" },
  { method: "get", path: "/conversations/{conversationId}", operationId: "get-conversation" },
  { method: "put", path: "/conversations/{conversationId}", operationId: "update-conversation" },
  { method: "delete", path: "/conversations/{conversationId}", operationId: "delete-conversation" },
  { method: "get", path: "/conversations/preferences/custom-subtypes", operationId: "get-all-custom-subtypes", versions: only2021 },
  { method: "post", path: "/conversations/preferences/custom-subtypes", operationId: "create-custom-subtype", versions: only2021 },
  { method: "put", path: "/conversations/preferences/custom-subtypes/{id}", operationId: "update-custom-subtype", versions: only2021 },
  { method: "get", path: "/conversations/preferences/unsubscriptions/status", operationId: "get-contact-unsubscription-status", versions: only2021 },
  { method: "post", path: "/conversations/preferences/unsubscriptions/user-change", operationId: "user-subscription-change", versions: only2021 },
  { method: "get", path: "/conversations/messages/email/{id}", operationId: "get-email-by-id" },
  { method: "delete", path: "/conversations/messages/email/{emailMessageId}/schedule", operationId: "cancel-scheduled-email-message" },
  { method: "get", path: "/conversations/messages/export", operationId: "export-messages-by-location" },
  { method: "get", path: "/conversations/messages/{id}", operationId: "get-message" },
  { method: "get", path: "/conversations/{conversationId}/messages", operationId: "get-messages" },
  { method: "post", path: "/conversations/messages", operationId: "send-a-new-message" },
  { method: "post", path: "/conversations/messages/inbound", operationId: "add-an-inbound-message" },
  { method: "post", path: "/conversations/messages/outbound", operationId: "add-an-outbound-message" },
  { method: "post", path: "/conversations/messages/review-reply", operationId: "send-review-reply" },
  { method: "delete", path: "/conversations/messages/{messageId}/schedule", operationId: "cancel-scheduled-message" },
  { method: "post", path: "/conversations/messages/upload", operationId: "upload-file-attachments" },
  { method: "post", path: "/conversations/messages/upload/initiate", operationId: "initiate-file-upload" },
  { method: "post", path: "/conversations/messages/upload/complete", operationId: "complete-file-upload" },
  { method: "put", path: "/conversations/messages/{messageId}/status", operationId: "update-message-status" },
  { method: "put", path: "/conversations/messages/{messageId}/attachments", operationId: "add-message-attachments" },
  { method: "get", path: "/conversations/messages/{messageId}/locations/{locationId}/recording", operationId: "get-message-recording" },
  { method: "get", path: "/conversations/locations/{locationId}/messages/{messageId}/transcription", operationId: "get-message-transcription" },
  { method: "get", path: "/conversations/locations/{locationId}/messages/{messageId}/transcription/download", operationId: "download-message-transcription" },
  { method: "post", path: "/conversations/providers/live-chat/typing", operationId: "live-chat-agent-typing" },
  { method: "post", path: "/conversations/", operationId: "create-conversation" },
  // New in v3 (conversations-api-v3.md, "Operations").
  { method: "put", path: "/conversations/messages/email/{id}/status", operationId: "update-email-message-status", versions: ["v3"] },
];

/** The descriptions that have an operation or schema: both, unless the fixture says otherwise. */
export function vendorVersionsOf(operation: { versions?: readonly VendorApiVersion[] }): readonly VendorApiVersion[] {
  return operation.versions ?? vendorApiVersions;
}

/** The one field whose type differs between the two descriptions (conversations-api-v3.md, "Changed schemas"). */
export const vendorVersionDifferences = [
  {
    schema: "UpdateConversationDto",
    field: "feedback",
    types: { "2021-04-15": { type: "object" }, v3: { type: "string", enum: ["positive", "negative"] } },
  },
] as const;

/**
 * Each vendor schema with its field names; `required` is the vendor's required list; `versions`,
 * when given, the only descriptions that have it (the preference DTOs are absent from v3).
 */
export const vendorSchemas: Readonly<
  Record<string, { fields: readonly string[]; required: readonly string[]; versions?: readonly VendorApiVersion[] }>
> = {
  AddMessageAttachmentsDto: { fields: ["attachments"], required: ["attachments"] },
  BadRequestDTO: { fields: ["statusCode", "message"], required: [] },
  CallDataDTO: { fields: ["to", "from", "status"], required: [] },
  CancelScheduledResponseDto: { fields: ["status", "message"], required: ["status", "message"] },
  CompleteFileUploadDto: { fields: ["uploadId", "filePath", "locationId", "conversationId", "filename"], required: ["uploadId", "filePath", "locationId", "conversationId", "filename"] },
  CompleteFileUploadResponseDto: { fields: ["uploadedFiles", "metadata"], required: ["uploadedFiles", "metadata"] },
  ConversationCreateResponseDto: { fields: ["id", "dateUpdated", "dateAdded", "deleted", "contactId", "locationId", "lastMessageDate", "assignedTo"], required: ["id", "dateUpdated", "dateAdded", "deleted", "contactId", "locationId", "lastMessageDate"] },
  ConversationDto: { fields: ["id", "locationId", "contactId", "assignedTo", "userId", "lastMessageBody", "lastMessageDate", "lastMessageType", "unreadCount", "inbox", "starred", "deleted"], required: ["locationId", "contactId", "deleted"] },
  ConversationSchema: { fields: ["id", "contactId", "locationId", "lastMessageBody", "lastMessageType", "type", "unreadCount", "fullName", "contactName", "email", "phone"], required: ["id", "contactId", "locationId", "lastMessageBody", "lastMessageType", "type", "unreadCount", "fullName", "contactName", "email", "phone"] },
  CreateConversationDto: { fields: ["locationId", "contactId"], required: ["locationId", "contactId"] },
  CreateConversationSuccessResponse: { fields: ["success", "conversation"], required: ["success", "conversation"] },
  CreateCustomSubtypeDto: { fields: ["name", "description", "channel", "language"], required: ["name", "channel", "language"], versions: only2021 },
  CreateLiveChatMessageFeedbackResponse: { fields: ["success"], required: ["success"] },
  DeleteConversationSuccessfulResponse: { fields: ["success"], required: ["success"] },
  ErrorDto: { fields: ["code", "type", "message"], required: ["code", "type", "message"] },
  ExportMessagesResponseDto: { fields: ["messages", "nextCursor", "total"], required: ["messages", "total"] },
  ForwardConfigDto: { fields: ["isForwarded", "forwardWholeThread", "messageId", "emailMessageId", "sourceContactId", "sourceConversationId", "toEmail", "recipientContactId", "recipientConversationId"], required: ["isForwarded"] },
  ForwardResponseDto: { fields: ["forwardWholeThread", "messageId", "emailMessageId", "sourceContactId", "sourceConversationId", "forwardToEmail", "recipientContactId", "recipientConversationId"], required: [] },
  GetConversationByIdResponse: { fields: ["contactId", "locationId", "deleted", "inbox", "type", "unreadCount", "assignedTo", "id", "starred"], required: ["contactId", "locationId", "deleted", "inbox", "type", "unreadCount", "id"] },
  GetConversationSuccessfulResponse: { fields: ["success", "conversation"], required: ["success", "conversation"] },
  GetEmailMessageResponseDto: { fields: ["id", "altId", "threadId", "locationId", "contactId", "conversationId", "dateAdded", "subject", "body", "direction", "status", "contentType", "attachments", "provider", "from", "to", "cc", "bcc", "replyToMessageId", "source", "conversationProviderId"], required: ["id", "threadId", "locationId", "contactId", "conversationId", "dateAdded", "body", "direction", "contentType", "from", "to"] },
  GetMessageResponseDto: { fields: ["id", "type", "messageType", "locationId", "contactId", "conversationId", "dateAdded", "body", "direction", "status", "contentType", "attachments", "meta", "source", "userId", "conversationProviderId", "chatWidgetId"], required: ["id", "type", "messageType", "locationId", "contactId", "conversationId", "dateAdded", "direction", "contentType"] },
  GetMessageTranscriptionResponseDto: { fields: ["mediaChannel", "sentenceIndex", "startTime", "endTime", "transcript", "confidence"], required: ["mediaChannel", "sentenceIndex", "startTime", "endTime", "transcript", "confidence"] },
  GetMessagesByConversationResponseDto: { fields: ["lastMessageId", "nextPage", "messages"], required: ["lastMessageId", "nextPage", "messages"] },
  InitiateFileUploadDto: { fields: ["locationId", "conversationId", "filename", "contentType", "fileSize", "channel"], required: ["locationId", "conversationId", "filename", "contentType", "channel"] },
  InitiateFileUploadResponseDto: { fields: ["uploadUrl", "uploadId", "filePath", "expiresAt", "maxFileSize"], required: ["uploadUrl", "uploadId", "filePath", "expiresAt", "maxFileSize"] },
  MessageMeta: { fields: ["callDuration", "callStatus", "email"], required: [] },
  ProcessMessageBodyDto: { fields: ["type", "attachments", "message", "conversationId", "contactId", "conversationProviderId", "html", "subject", "emailFrom", "emailTo", "emailCc", "emailBcc", "emailMessageId", "altId", "direction", "date", "call"], required: ["type", "conversationId", "contactId", "conversationProviderId"] },
  ProcessMessageResponseDto: { fields: ["success", "conversationId", "messageId", "message", "contactId", "dateAdded", "emailMessageId"], required: ["success", "conversationId", "messageId", "message"] },
  ProcessOutboundMessageBodyDto: { fields: ["type", "attachments", "conversationId", "conversationProviderId", "altId", "date", "call"], required: ["type", "conversationId", "conversationProviderId"] },
  SendConversationResponseDto: { fields: ["conversations", "total"], required: ["conversations", "total"] },
  SendMessageBodyDto: { fields: ["type", "subType", "contactId", "appointmentId", "attachments", "emailFrom", "emailCc", "emailBcc", "html", "message", "subject", "replyMessageId", "templateId", "threadId", "scheduledTimestamp", "conversationProviderId", "emailTo", "customSubtypeId", "emailReplyMode", "fromNumber", "toNumber", "forward", "status", "usesNativeSchedulingAi", "optimizationPeriod"], required: ["type", "subType", "contactId", "status"] },
  SendMessageResponseDto: { fields: ["conversationId", "emailMessageId", "messageId", "messageIds", "msg", "forwardData", "status"], required: ["conversationId", "messageId", "status"] },
  SendReviewReplyDto: { fields: ["conversationId", "locationId", "message"], required: ["conversationId", "locationId", "message"] },
  StartAfterArrayNumberSchema: { fields: ["startAfterDate"], required: [] },
  StartAfterNumberSchema: { fields: ["startAfterDate"], required: [] },
  SubscriptionActionDto: { fields: ["type", "subtype_name", "subtype_id", "subtype_status"], required: ["type", "subtype_status"], versions: only2021 },
  UnauthorizedDTO: { fields: ["statusCode", "message", "error"], required: [] },
  UnprocessableDTO: { fields: ["statusCode", "message", "error"], required: [] },
  UpdateConversationDto: { fields: ["locationId", "unreadCount", "starred", "feedback"], required: ["locationId"] },
  UpdateCustomSubtypeDto: { fields: ["name", "description", "archived", "resubscription_legal_form_id"], required: [], versions: only2021 },
  UpdateMessageStatusDto: { fields: ["status", "error", "emailMessageId", "recipients"], required: ["status"] },
  UploadFilesDto: { fields: ["conversationId", "contactId", "locationId", "attachmentUrls", "chatServiceSid", "isGroupSms"], required: ["conversationId", "contactId", "locationId", "attachmentUrls"] },
  UploadFilesErrorResponseDto: { fields: ["status", "message"], required: ["status", "message"] },
  UploadFilesResponseDto: { fields: ["uploadedFiles", "twilioMediaSids"], required: ["uploadedFiles"] },
  UserSubscriptionChangeDto: { fields: ["locationId", "contactId", "email", "subscription_action", "legal_reason", "legal_description"], required: ["locationId", "contactId", "email", "subscription_action"], versions: only2021 },
  UserTypingBody: { fields: ["locationId", "isTyping", "visitorId", "conversationId"], required: ["locationId", "isTyping", "visitorId", "conversationId"] },
  // New in v3 (conversations-api-v3.md, "New schemas").
  EmailEventsDto: { fields: ["delivered", "opened", "clicked", "replied", "failed", "accepted", "rejected", "unsubscribed", "complained", "stored"], required: [], versions: ["v3"] },
  UpdateEmailMessageStatusDto: { fields: ["status", "events", "recipients"], required: ["status"], versions: ["v3"] },
  UpdateRecipientMessageStatusDto: { fields: ["emailId", "status", "failReason"], required: ["emailId", "status"], versions: ["v3"] },
  UpdateEmailMessageStatusResponseDto: { fields: ["success", "message"], required: ["success", "message"], versions: ["v3"] },
};
