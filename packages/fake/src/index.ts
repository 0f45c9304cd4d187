export { createFake, FakeUsageError, type Fake, type FakeOptions, type InboundChannel, type SimulatedInbound, type SimulatedInboundResult } from "./fake.js";
export { startFake, type FakeServerOptions, type RunningFake } from "./server.js";
export { manualClock, systemClock, type Clock, type ManualClock } from "./clock.js";
export type { EventListener, EventName, EventPayloads, FakeEvent } from "./events.js";
export type {
  DeliveryAttempt,
  DeliveryState,
  FakeWebhooks,
  WebhookDelivery,
  WebhookOptions,
  WebhookRetryOptions,
  WebhookUrls,
} from "./webhooks/sender.js";
export type { SigningKeysInput } from "./webhooks/keys.js";
export { ADMIN_PREFIX, adminRoutes } from "./http/admin.js";
export { FaultRuleError, type ActiveFault, type FaultRule, type Faults } from "./faults.js";
export type { TokenGrant } from "./http/auth.js";
export type { RateLimitOptions } from "./http/rate-limit.js";
export {
  FixtureError,
  type ContactFixture,
  type ConversationFixture,
  type CustomSubtypeFixture,
  type Fixtures,
  type MessageFixture,
  type Time,
  type UnsubscriptionFixture,
  type UploadFixture,
} from "./state/fixtures.js";
export type { Sentence } from "./state/records.js";
export type { SearchLag } from "./state/search-lag.js";
export type { EmailDeliveryReport } from "./state/email-status.js";
export { exampleFixtures, silentWav } from "./fixtures/examples.js";
export { implementedOperations } from "./operations/index.js";
