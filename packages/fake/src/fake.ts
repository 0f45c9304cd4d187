// createFake(): the fake as a WHATWG `fetch` handler, with its state, events, webhooks, faults and clock.
import type { components } from "@conversations-api/types";
import { type Clock, systemClock } from "./clock.js";
import { createEventLog, defaultAppIdentity, type EventListener, type FakeEvent } from "./events.js";
import { connectionResetError, createFaults, type Faults, isConnectionReset } from "./faults.js";
import { createAdminApp } from "./http/admin.js";
import { createApp } from "./http/app.js";
import type { TokenGrant } from "./http/auth.js";
import { createRateLimiter, type RateLimitOptions } from "./http/rate-limit.js";
import type { Hono } from "hono";
import { createRandom, type RandomSource } from "./ids.js";
import { INBOUND_TYPES } from "./state/channels.js";
import { createDomain, type Domain, type NewEmail } from "./state/domain.js";
import { deliveryReport, type EmailDeliveryReport } from "./state/email-status.js";
import { applyFixtures, type Fixtures, type Time } from "./state/fixtures.js";
import { emptyState, type State } from "./state/records.js";
import { checkSearchLag, type SearchLag } from "./state/search-lag.js";
import { iso } from "./state/views.js";
import { FakeUsageError } from "./usage-error.js";
import { createWebhookSender, type FakeWebhooks, type WebhookOptions } from "./webhooks/sender.js";

export { FakeUsageError };

export interface FakeOptions {
  /** State to start from, and to return to on every `reset()`. */
  fixtures?: Fixtures;
  /** Where time comes from (see `manualClock()`); the system clock by default. */
  clock?: Clock;
  /** Seed of the generated ids and of fault probabilities; 1 by default. */
  seed?: number;
  /** Token -> its location (and optional scopes). Without it, any bearer token is accepted. */
  tokens?: Record<string, TokenGrant>;
  /** The vendor's limits by default (100 per 10 s, 200,000 per day, per location); `false` for none. */
  rateLimit?: RateLimitOptions | false;
  /** Called when an event listener throws or rejects; the API call that emitted is not affected. */
  onEventError?: (error: unknown, event: FakeEvent) => void;
  /** Where to POST the events, signed, and how to retry; nothing is sent until a URL is set. */
  webhooks?: WebhookOptions;
  /**
   * Search's eventual consistency, as production shows it: a conversation created through the API
   * (or `simulateInbound`) is left out of search results for `ms` milliseconds of the fake's clock
   * and for its location's next `searches` searches. Off by default, so that tests stay deterministic.
   */
  searchLag?: SearchLag;
}

export type InboundChannel = components["schemas"]["ProcessMessageBodyDto"]["type"];

export interface SimulatedInbound {
  /** The conversation the message arrives in; or give `locationId` and `contactId`. */
  conversationId?: string;
  locationId?: string;
  contactId?: string;
  /** "SMS" by default. */
  type?: InboundChannel;
  /** The text (or, for an email, the HTML). */
  body: string;
  attachments?: string[];
  /** When it arrived; now by default. */
  date?: Time;
  conversationProviderId?: string;
  /** Emails. */
  subject?: string;
  emailFrom?: string;
  emailTo?: string;
  /** The email message this one answers. */
  replyToEmailMessageId?: string;
}

export interface SimulatedInboundResult {
  conversationId: string;
  messageId: string;
  emailMessageId?: string;
}

export interface Fake {
  /** The fake's HTTP API: pass it as the client's `fetch`, any origin. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Every event so far, oldest first (cleared by `reset()`). */
  readonly events: readonly FakeEvent[];
  /** Calls `listener` with each event as it happens; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** The events as signed webhooks: the public key, where they go, every delivery and its attempts, `idle()`. */
  readonly webhooks: FakeWebhooks;
  /** A message from a contact arrives: stored, counted as unread, announced as InboundMessage. */
  simulateInbound(message: SimulatedInbound): SimulatedInboundResult;
  /** Adds fixtures to the current state. */
  seed(fixtures: Fixtures): void;
  /** What custom providers reported about an email (update-email-message-status), or undefined for no such email. */
  emailDelivery(emailMessageId: string): EmailDeliveryReport | undefined;
  /**
   * Back to the starting state: the `fixtures` option, no events, fresh ids, limits and faults; the
   * deliveries under way are cancelled and forgotten. The webhook URLs and keys are kept.
   */
  reset(): void;
  /** Fault injection. */
  readonly faults: Faults;
  readonly clock: Clock;
  /** Answers one request; `fetch` and the HTTP server both go through it. Resolves to a marked response for a dropped connection. */
  handle(request: Request): Promise<Response>;
}

export function createFake(options: FakeOptions = {}): Fake {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 1;
  const onEventError =
    options.onEventError ?? ((error: unknown, event: FakeEvent) => console.error(`conversations-api fake: a listener of ${event.name} failed:`, error));

  const searchLag = checkSearchLag(options.searchLag);
  const limiter = options.rateLimit === false ? undefined : createRateLimiter(options.rateLimit ?? {}, clock);
  let random: RandomSource;
  let state: State;
  let domain: Domain;
  let app: Hono;
  // webhookIds are not drawn from the seeded generator: two fakes (or one before and after reset())
  // delivering to one receiver must not look like replays to its replay store.
  const events = createEventLog(() => ({ timestamp: iso(clock.now()), webhookId: crypto.randomUUID() }), onEventError, {
    ...defaultAppIdentity,
    ...options.webhooks?.app,
  });
  const faults = createFaults(() => random.chance());
  const webhooks = createWebhookSender(options.webhooks);
  events.subscribe((event) => webhooks.send(event));
  let admin: Hono;

  function start() {
    random = createRandom(seed);
    state = emptyState();
    domain = createDomain(state, clock, random, events, searchLag);
    app = createApp({ domain, tokens: options.tokens, limiter, faults, admin });
    if (options.fixtures) applyFixtures(domain, options.fixtures);
  }

  const handle = (request: Request) => app.fetch(request) as Promise<Response>;

  const fake: Fake = {
    async fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      request.signal.throwIfAborted();
      const response = await handle(request);
      if (isConnectionReset(response)) throw connectionResetError();
      return response;
    },
    handle,
    get events() {
      return events.events;
    },
    onEvent: (listener) => events.subscribe(listener),
    webhooks: {
      get publicKey() {
        return webhooks.publicKey;
      },
      get algorithm() {
        return webhooks.algorithm;
      },
      get urls() {
        return webhooks.urls;
      },
      setUrls: (urls) => webhooks.setUrls(urls),
      get deliveries() {
        return webhooks.deliveries;
      },
      idle: (options) => webhooks.idle(options),
      redeliver: (delivery) => webhooks.redeliver(delivery),
    },
    simulateInbound(message) {
      if (typeof message?.body !== "string") throw new FakeUsageError("simulateInbound: body (the message's text) must be a string");
      domain.dispatchDue();
      const conversation = message.conversationId
        ? state.conversations.get(message.conversationId)
        : message.locationId && message.contactId
          ? (domain.conversationOfContact(message.locationId, message.contactId) ??
            domain.createConversation({ locationId: message.locationId, contactId: message.contactId }))
          : undefined;
      if (!conversation) {
        throw new FakeUsageError(
          message.conversationId ? `simulateInbound: no conversation ${message.conversationId}` : "simulateInbound: give conversationId, or locationId and contactId",
        );
      }
      const type = message.type ?? "SMS";
      const messageType = INBOUND_TYPES[type];
      if (!messageType) throw new FakeUsageError(`simulateInbound: ${type} is not a channel (${Object.keys(INBOUND_TYPES).join(", ")})`);
      const contact = state.contacts.get(conversation.contactId);
      const replyTo = message.replyToEmailMessageId ? state.emails.get(message.replyToEmailMessageId) : undefined;
      const email: NewEmail | undefined =
        type === "Email"
          ? {
              from: message.emailFrom ?? contact?.email ?? "",
              to: message.emailTo ? [message.emailTo] : [],
              cc: [],
              bcc: [],
              provider: "Leadconnector Gmail",
              ...(message.subject !== undefined ? { subject: message.subject } : {}),
              ...(replyTo ? { threadId: replyTo.threadId, replyToMessageId: replyTo.id } : {}),
            }
          : undefined;
      const date = message.date === undefined ? clock.now() : new Date(message.date).getTime();
      if (!Number.isFinite(date)) throw new FakeUsageError(`simulateInbound: ${String(message.date)} is not a time`);
      const stored = domain.addMessage(
        conversation,
        {
          messageType,
          direction: "inbound",
          status: "delivered",
          body: message.body,
          attachments: message.attachments ?? [],
          dateAdded: date,
          ...(message.conversationProviderId ? { conversationProviderId: message.conversationProviderId } : {}),
        },
        email ? { email } : {},
      );
      return { conversationId: conversation.id, messageId: stored.id, ...(stored.emailMessageId ? { emailMessageId: stored.emailMessageId } : {}) };
    },
    seed: (fixtures) => applyFixtures(domain, fixtures),
    emailDelivery(emailMessageId) {
      const email = state.emails.get(emailMessageId);
      return email && deliveryReport(email);
    },
    reset() {
      webhooks.reset();
      events.clear();
      faults.clear();
      limiter?.reset();
      start();
    },
    faults,
    clock,
  };
  admin = createAdminApp(fake);
  start();
  return fake;
}
