// The bridge: a custom SMS provider between HighLevel and a carrier.
//
//   HighLevel --ProviderOutboundMessage--> Delivery URL --text--> carrier
//   HighLevel <--update-message-status---- (delivered / failed, once the carrier answered)
//   HighLevel <--add-an-inbound-message--- carrier's inbound webhook <-- contact's reply
//
// Built on the three packages: @conversations-api/webhooks verifies the deliveries (unsigned today:
// the secret in the Delivery URL; a signature when HighLevel sends one) and refuses a messageId seen
// before; @conversations-api/client makes the calls (its retries, timeouts, error classes);
// @conversations-api/fleet paces them per location and shares the replay store across workers.
import { timingSafeEqual, createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createConversationsClient, type ConversationsClient } from "@conversations-api/client";
import { createRateLimitBudget, type RateLimitBudget, sleep } from "@conversations-api/fleet";
import { MemoryReplayStore, minimumUrlSecretLength, type ProviderOutboundMessage, type PublicKeyInput, type ReplayStore } from "@conversations-api/webhooks";
import { createNodeHandler } from "@conversations-api/webhooks/node";
import type { Carrier, IncomingText, OutgoingText, SendOutcome } from "./carrier.js";
import { backoffDelay, resolveRetry, type RetryOptions } from "./retry.js";
import { reportStatus } from "./status-report.js";
import { type BridgeStore, memoryBridgeStore, type PendingReport } from "./store.js";

export interface ProviderBridgeOptions {
  /** Your conversation provider's id (the Marketplace app's provider settings): inbound texts are added under it. */
  conversationProviderId: string;
  /**
   * A location's access token: `(locationId, rejected?) => token`, e.g. `(id, rejected) =>
   * tokens.accessToken(id, rejected)` with @conversations-api/fleet's createFleetTokens. `rejected` is
   * the token a 401 refused; it is never passed for the status reports (a 401 there is the "not
   * downstreamed yet" window, not an expired token).
   */
  token: (locationId: string, rejected?: string) => string | Promise<string>;
  carrier: Carrier;
  /** The secret in the Delivery URL you registered (its last path segment): 32+ characters of A-Z a-z 0-9 - _. */
  deliveryUrlSecret: string;
  /** The secret your carrier sends with its inbound webhook (`Authorization: Bearer ...`). */
  carrierInboundSecret: string;
  /** The API; production by default. */
  baseUrl?: string;
  /** What the client sends with (default the global fetch); the budget wraps it. */
  fetch?: (request: Request, init?: RequestInit) => Promise<Response>;
  /** Paces the calls per location (default: an in-process budget at the vendor's limits). */
  budget?: RateLimitBudget;
  /** Where handled messageIds (and carrier message ids) are kept: in memory by default; a fleet passes redisReplayStore. */
  replayStore?: ReplayStore;
  /** The status reports owed and the routes of numbers: in memory by default (README: "Restarts"). */
  store?: BridgeStore;
  /** Keys that verify a delivery that carries x-ghl-signature; HighLevel's published key by default. */
  publicKeys?: readonly PublicKeyInput[];
  /** The channel inbound texts are added as: "SMS" (a replacement of the default SMS provider) or "Custom" (an extra one). Default "SMS". */
  inboundType?: "SMS" | "Custom";
  /** The carrier's transient failures (it rejects): default 3 attempts, 250 ms doubling, at most 2 s. */
  carrierRetry?: RetryOptions;
  /** The status reports: default 8 attempts, 1 s doubling, at most 8 s (about half a minute in all). */
  statusRetry?: RetryOptions;
  /** Retries of each API call by the client (429s, and 5xx for the idempotent status call). Default 4. */
  clientMaxRetries?: number;
  /** One line per thing done or refused; never a secret or a token. Default console.log. */
  log?: (line: string) => void;
}

export interface ProviderBridge {
  /** The Delivery URL's handler (node:http or Express; give it the raw body). */
  handleDelivery(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** The carrier's inbound webhook: `POST` JSON `{ from, to, text, carrierMessageId, mediaUrls? }` with `Authorization: Bearer <carrierInboundSecret>`. */
  handleCarrierInbound(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Adds a text the carrier received to its contact's conversation, once per carrierMessageId. */
  receiveText(text: IncomingText): Promise<InboundResult>;
  /** Sends the status reports a previous run left owed (the store's); resolves when they are settled. */
  resumePendingReports(): Promise<void>;
  /** Resolves when no status report is under way. */
  idle(): Promise<void>;
  /** Reports that were given up (after the retries, or refused for good): still pending in HighLevel. */
  readonly unreported: readonly PendingReport[];
  /**
   * Stops: with `abandon`, the reports under way stop where they are (a crash, as far as HighLevel
   * sees it; the store keeps them for the next run); otherwise they are awaited.
   */
  close(options?: { abandon?: boolean }): Promise<void>;
}

export type InboundResult = { added: true; messageId: string; conversationId: string } | { added: false; reason: "duplicate" | "unknown number" };

/** The carrier could not be reached within the retries: the delivery is answered 500, so HighLevel delivers it again. */
export class CarrierUnavailableError extends Error {
  override readonly name = "CarrierUnavailableError";
}

/** The carrier's inbound webhook is not usable: a 400 to the carrier. */
class BadInboundTextError extends Error {
  override readonly name = "BadInboundTextError";
}

export function createProviderBridge(options: ProviderBridgeOptions): ProviderBridge {
  // Refused at start rather than on every delivery (the webhooks package would answer each with 500).
  if (typeof options.deliveryUrlSecret !== "string" || options.deliveryUrlSecret.length < minimumUrlSecretLength || !/^[A-Za-z0-9_-]+$/.test(options.deliveryUrlSecret)) {
    throw new RangeError(`deliveryUrlSecret must be at least ${minimumUrlSecretLength} characters of A-Z a-z 0-9 - _ (e.g. crypto.randomBytes(32).toString("base64url"))`);
  }
  if (typeof options.carrierInboundSecret !== "string" || options.carrierInboundSecret.length < 16) {
    throw new RangeError("carrierInboundSecret must be at least 16 characters");
  }
  const log = options.log ?? console.log;
  const store = options.store ?? memoryBridgeStore();
  const replayStore = options.replayStore ?? new MemoryReplayStore();
  const budget = options.budget ?? createRateLimitBudget();
  const baseFetch = options.fetch ?? ((request: Request, init?: RequestInit) => fetch(request, init));
  const carrierRetry = resolveRetry(options.carrierRetry, { maxAttempts: 3, initialDelayMs: 250, maxDelayMs: 2_000 }, "carrierRetry");
  const statusRetry = resolveRetry(options.statusRetry, { maxAttempts: 8, initialDelayMs: 1_000, maxDelayMs: 8_000 }, "statusRetry");
  const inboundSecretDigest = digest(options.carrierInboundSecret);
  const stopping = new AbortController();
  const underWay = new Set<Promise<void>>();
  const unreported: PendingReport[] = [];

  // Two clients per location: `api` hands a refused token back to the provider after a 401 (a
  // refresh); `status` never does, for a 401/403 of update-message-status is HighLevel not being
  // ready yet, and spending a single-use refresh token on it would log every worker out.
  const clients = new Map<string, { api: ConversationsClient; status: ConversationsClient }>();
  function clientsOf(locationId: string) {
    let pair = clients.get(locationId);
    if (!pair) {
      const common = {
        fetch: budget.wrapFetch(baseFetch, { key: locationId }),
        maxRetries: options.clientMaxRetries ?? 4,
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      };
      pair = {
        api: createConversationsClient({ ...common, token: (rejected?: string) => options.token(locationId, rejected) }),
        status: createConversationsClient({ ...common, token: () => options.token(locationId) }),
      };
      clients.set(locationId, pair);
    }
    return pair;
  }

  function track(work: Promise<void>): void {
    underWay.add(work);
    void work.finally(() => underWay.delete(work));
  }

  // The messageIds whose report is under way: resuming at start and resuming by hand start each once.
  const reporting = new Set<string>();

  /** Reports a status in the background; the store keeps it until HighLevel took it (or it was given up). */
  function startReport(report: PendingReport): void {
    if (reporting.has(report.messageId)) return;
    reporting.add(report.messageId);
    track(
      (async () => {
        try {
          const result = await reportStatus(clientsOf(report.locationId).status, report, statusRetry, stopping.signal, log);
          if (result.reported) log(`status ${report.status} of ${report.messageId} reported (attempt ${result.attempts})`);
          else {
            unreported.push(report);
            log(`status ${report.status} of ${report.messageId} NOT reported after ${result.attempts} attempts: ${describe(result.error)}`);
          }
          await store.removeReport(report.messageId);
        } catch (error) {
          // Only a stop interrupts a report: it stays in the store for the next run.
          if (!stopping.signal.aborted) log(`status report of ${report.messageId} failed: ${describe(error)}`);
        } finally {
          reporting.delete(report.messageId);
        }
      })(),
    );
  }

  /** The carrier's answer for a text, trying again while it is unreachable (bounded). */
  async function sendWithRetries(text: OutgoingText): Promise<SendOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await options.carrier.send(text, stopping.signal);
      } catch (error) {
        if (stopping.signal.aborted) throw error;
        if (attempt >= carrierRetry.maxAttempts) {
          throw new CarrierUnavailableError(`the carrier did not take message ${text.reference} after ${attempt} attempts: ${describe(error)}`, { cause: error });
        }
        log(`carrier unavailable for ${text.reference} (attempt ${attempt}): ${describe(error)}`);
        await sleep(backoffDelay(attempt, carrierRetry), stopping.signal);
      }
    }
  }

  async function onDelivery(message: ProviderOutboundMessage): Promise<void> {
    const { messageId, locationId, contactId } = message;
    const failed = (code: string, reason: string): PendingReport => ({
      messageId,
      locationId,
      status: "failed",
      error: { code, type: "saas", message: reason },
      since: Date.now(),
    });
    let report: PendingReport;
    if (message.type === "Email") report = failed("unsupported_channel", "this provider sends text messages only");
    else if (!message.phone) report = failed("no_recipient", "the message has no phone number");
    else {
      await store.putRoute(message.phone, { locationId, contactId });
      const outcome = await sendWithRetries({ to: message.phone, text: message.message ?? "", mediaUrls: message.attachments ?? [], reference: messageId });
      report = outcome.status === "delivered" ? { messageId, locationId, status: "delivered", since: Date.now() } : failed(outcome.code ?? "carrier_refused", outcome.reason);
      log(`message ${messageId} to the carrier: ${outcome.status}`);
    }
    // Written before HighLevel gets its 200: a restart from here on still owes, and sends, the report.
    await store.putReport(report);
    startReport(report);
  }

  const deliveryHandler = createNodeHandler<"provider", IncomingMessage, ServerResponse>(onDelivery, {
    endpoint: "provider",
    urlSecret: { secrets: [options.deliveryUrlSecret], in: "path" },
    replayStore,
    ...(options.publicKeys ? { publicKeys: options.publicKeys } : {}),
    onError: (error) => log(`delivery refused or failed: ${describe(error)}`),
  });

  /** The contact's conversation in the location: the one search finds, or a new one. */
  async function conversationOf(api: ConversationsClient, locationId: string, contactId: string): Promise<string> {
    const found = await api.unwrap(api.GET("/conversations/search", { params: { query: { locationId, contactId } } }));
    const existing = found.conversations.find((conversation) => conversation.contactId === contactId);
    if (existing) return existing.id;
    const created = await api.unwrap(api.POST("/conversations/", { body: { locationId, contactId } }));
    return created.conversation.id;
  }

  async function receiveText(text: IncomingText): Promise<InboundResult> {
    const key = `carrier-inbound:${text.carrierMessageId}`;
    if (!(await replayStore.claim(key, Date.now() + 24 * 60 * 60_000))) return { added: false, reason: "duplicate" };
    try {
      const route = await store.route(text.from);
      if (!route) {
        log(`inbound text ${text.carrierMessageId}: no contact known for its number, not added`);
        return { added: false, reason: "unknown number" };
      }
      const { api } = clientsOf(route.locationId);
      const conversationId = await conversationOf(api, route.locationId, route.contactId);
      const added = await api.unwrap(
        api.POST("/conversations/messages/inbound", {
          body: {
            type: options.inboundType ?? "SMS",
            conversationId,
            contactId: route.contactId,
            conversationProviderId: options.conversationProviderId,
            message: text.text,
            ...(text.mediaUrls?.length ? { attachments: [...text.mediaUrls] } : {}),
            altId: text.carrierMessageId,
            direction: "inbound",
          },
        }),
      );
      log(`inbound text ${text.carrierMessageId} added to ${conversationId} as ${added.messageId}`);
      return { added: true, messageId: added.messageId, conversationId };
    } catch (error) {
      // Not added: forget the id, so that the carrier's redelivery is tried again.
      await replayStore.release(key);
      throw error;
    }
  }

  async function handleCarrierInbound(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const answer = (status: number, body: object): void => void response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    try {
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
      if (!timingSafeEqual(digest(given), inboundSecretDigest)) return answer(401, { error: "unauthorized" });
      const result = await receiveText(parseIncomingText(await readBody(request)));
      answer(result.added || result.reason === "duplicate" ? 200 : 202, result);
    } catch (error) {
      log(`inbound text failed: ${describe(error)}`);
      if (!response.headersSent) answer(error instanceof BadInboundTextError ? 400 : 500, { error: error instanceof BadInboundTextError ? error.message : "failed" });
    }
  }

  return {
    handleDelivery: deliveryHandler,
    handleCarrierInbound,
    receiveText,
    async resumePendingReports() {
      const owed = await store.pendingReports();
      if (owed.length > 0) log(`resuming ${owed.length} status report(s) owed by a previous run`);
      for (const report of owed) startReport(report);
      await this.idle();
    },
    async idle() {
      while (underWay.size > 0) await Promise.allSettled([...underWay]);
    },
    get unreported() {
      return unreported;
    },
    async close({ abandon = false } = {}) {
      if (abandon) stopping.abort(new Error("the bridge stopped"));
      await this.idle();
      stopping.abort(new Error("the bridge stopped"));
    },
  };
}

const digest = (text: string) => createHash("sha256").update(text).digest();

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function readBody(request: IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    length += (chunk as Buffer).length;
    if (length > limit) throw new BadInboundTextError("the body is too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseIncomingText(body: string): IncomingText {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new BadInboundTextError("the body is not JSON");
  }
  const text = value as Partial<IncomingText> | null;
  for (const field of ["from", "to", "text", "carrierMessageId"] as const) {
    if (typeof text?.[field] !== "string" || (field !== "text" && text[field] === "")) throw new BadInboundTextError(`${field} must be a string`);
  }
  const mediaUrls = text!.mediaUrls;
  if (mediaUrls !== undefined && !(Array.isArray(mediaUrls) && mediaUrls.every((url) => typeof url === "string"))) throw new BadInboundTextError("mediaUrls must be a list of URLs");
  return text as IncomingText;
}
