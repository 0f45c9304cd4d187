// @conversations-api/webhooks: verify the webhooks HighLevel sends and get them typed from the spec.
// This entry needs WebCrypto only (Node 20+, edge runtimes); `./node` adds the node:http/Express
// adapter and `./testing` the helpers that sign test deliveries.
export { unwrap, defaultReplayTtlMs, defaultToleranceMs, providerMessageReplayKey, type EventAt, type UnwrapOptions, type WebhookEndpoint } from "./unwrap.js";
export { minimumUrlSecretLength, type UrlSecretOptions } from "./url-secret.js";
export { createFetchHandler, unwrapRequest, type FetchEventHandler } from "./adapters/fetch.js";
export type { HandlerOptions } from "./adapters/respond.js";
export {
  BodyTooLargeError,
  InvalidSignatureError,
  InvalidUrlSecretError,
  MalformedPayloadError,
  MissingReplayFieldError,
  MissingSignatureError,
  PayloadValidationError,
  RawBodyRequiredError,
  ReplayedWebhookError,
  TimestampOutsideWindowError,
  UnknownEventTypeError,
  WebhookConfigurationError,
  WebhookError,
  WebhookVerificationError,
} from "./errors.js";
export {
  isWebhookEventType,
  webhookEventTypes,
  type ConversationUnreadUpdate,
  type InboundMessage,
  type LCEmailStats,
  type OutboundMessage,
  type ProviderOutboundMessage,
  type Verified,
  type WebhookEvent,
  type WebhookEventType,
  type WebhookName,
  type WebhookPayload,
} from "./events.js";
export type { HeadersInput } from "./headers.js";
export { HIGHLEVEL_WEBHOOK_PUBLIC_KEY, type PublicKeyInput, type SignatureAlgorithm } from "./keys.js";
export type { RawBody } from "./raw-body.js";
export { MemoryReplayStore, type MemoryReplayStoreOptions, type ReplayStore } from "./replay-store.js";
export { signatureHeaders } from "./signature.js";
