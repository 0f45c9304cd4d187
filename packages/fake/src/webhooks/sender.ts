// The webhook sender: listens to the event log, signs each event (x-ghl-signature, with the webhooks
// package's testing helpers; a provider's deliveries are unsigned unless asked, as in production)
// and POSTs it to the configured URL, off the API call's path: an answer
// never waits for a delivery. A delivery that fails (no connection, a timeout, an answer other than
// 2xx) is tried again with exponential backoff, a bounded number of times. Every delivery and each
// of its attempts is recorded for assertions, and `idle()` waits until none is under way.
import { signatureHeadersFor } from "@conversations-api/webhooks/testing";
import type { WebhookEndpoint } from "@conversations-api/webhooks";
import type { FakeEvent } from "../events.js";
import { FakeUsageError } from "../usage-error.js";
import { type FakeSigningKeys, signingKeys, type SigningKeysInput } from "./keys.js";

export interface WebhookRetryOptions {
  /** Attempts in all, the first included; 4 by default. 1: never retried. */
  maxAttempts?: number;
  /** The wait before the second attempt; each further wait doubles it. 100 ms by default. */
  initialDelayMs?: number;
  /** No wait is longer. 2 000 ms by default. */
  maxDelayMs?: number;
}

/** Where deliveries go; `null` in `setUrls` stops those deliveries. */
export interface WebhookUrls {
  /** Your Marketplace app's webhook URL: InboundMessage, OutboundMessage, ConversationUnreadUpdate. */
  appUrl?: string | null;
  /** A custom conversation provider's Delivery URL: ProviderOutboundMessage (of every provider). */
  providerUrl?: string | null;
}

export interface WebhookOptions extends WebhookUrls {
  /**
   * The key pair that signs `x-ghl-signature` (`generateSigningKeys()` of
   * `@conversations-api/webhooks/testing`, or its exported form). A fresh Ed25519 pair by default;
   * its public half is `fake.webhooks.publicKey`.
   */
  keys?: SigningKeysInput;
  retry?: WebhookRetryOptions;
  /** An attempt that has no answer (headers and body) after this long is abandoned and its connection closed. 5 000 ms by default. */
  timeoutMs?: number;
  /** What posts the deliveries: the global fetch by default (e.g. a Fetch handler, to deliver in process). */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Sign the ProviderOutboundMessage deliveries too. Off by default, as in production: HighLevel does
   * not sign the requests to a provider's Delivery URL today (authenticate them by a secret in the
   * URL: `providerUrl: "http://127.0.0.1:3000/deliveries?secret=..."` and the webhooks package's
   * `urlSecret`). Turn it on to test a receiver for the day HighLevel signs them.
   */
  signProviderDeliveries?: boolean;
  /** The Marketplace app in the `appId` and `versionId` of InboundMessage and OutboundMessage. */
  app?: { appId?: string; versionId?: string };
}

export interface DeliveryAttempt {
  /** 1, 2, ... */
  readonly number: number;
  /** When it started, epoch milliseconds of the real clock (retries wait in real time, whatever the fake's clock). */
  readonly startedAt: number;
  readonly durationMs: number;
  /** The receiver's status; absent when there was no answer. */
  readonly status?: number;
  /** The start of the receiver's answer (at most 2 KiB). */
  readonly responseBody?: string;
  /** Why there was no answer: the connection failed, or the attempt timed out. */
  readonly error?: string;
}

export type DeliveryState = "pending" | "delivered" | "failed" | "cancelled";

export interface WebhookDelivery {
  /** 1, 2, ... in the order of the events. */
  readonly id: number;
  readonly event: FakeEvent;
  readonly endpoint: WebhookEndpoint;
  readonly url: string;
  /** Exactly the bytes that were signed and sent (the event's payload as JSON). */
  readonly body: string;
  /** The request's headers: content-type and the signature (none on a provider delivery unless `signProviderDeliveries`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly attempts: readonly DeliveryAttempt[];
  /** pending: an attempt or a retry is under way; failed: every attempt failed; cancelled: by reset(). */
  readonly state: DeliveryState;
}

export interface FakeWebhooks {
  /** The public key that verifies the deliveries' `x-ghl-signature` (SPKI base64): give it to `unwrap`'s `publicKeys`. */
  readonly publicKey: string;
  readonly algorithm: "Ed25519" | "RSA-SHA256";
  /** Where deliveries go now. */
  readonly urls: Readonly<WebhookUrls>;
  /** Changes where the next events are delivered (a receiver started after the fake); kept by `reset()`. */
  setUrls(urls: WebhookUrls): void;
  /** Every delivery since the start or the last `reset()`, in the order of the events. */
  readonly deliveries: readonly WebhookDelivery[];
  /**
   * Resolves with the deliveries once none is pending, including those that the deliveries caused
   * (a receiver that answers through the API). Rejects with the signal's reason when it aborts.
   */
  idle(options?: { signal?: AbortSignal }): Promise<readonly WebhookDelivery[]>;
  /**
   * Sends a delivery again, the same bytes and signature (what a receiver that timed out gets):
   * to test that a receiver does not act twice. Resolves when it settled.
   */
  redeliver(delivery: WebhookDelivery | number): Promise<WebhookDelivery>;
}

export interface WebhookSender extends FakeWebhooks {
  /** The event log's listener. */
  send(event: FakeEvent): void;
  /** Stops every delivery under way (marked cancelled) and forgets them all. */
  reset(): void;
}

interface MutableDelivery extends WebhookDelivery {
  headers: Record<string, string>;
  attempts: DeliveryAttempt[];
  state: DeliveryState;
}

const responseBodyLimit = 2048;

function checkUrls(urls: WebhookUrls): void {
  const checkUrl = (value: unknown, what: string) => {
    if (typeof value !== "string" || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
      throw new FakeUsageError(`${what} must be an http(s) URL, not ${JSON.stringify(value)}`);
    }
  };
  if (urls.appUrl != null) checkUrl(urls.appUrl, "webhooks.appUrl");
  if (urls.providerUrl != null) checkUrl(urls.providerUrl, "webhooks.providerUrl");
}

function positive(value: number | undefined, fallback: number, what: string, minimum: number): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result < minimum) throw new FakeUsageError(`${what} must be a number >= ${minimum}, not ${value}`);
  return result;
}

/** Resolves after `ms` (without keeping the process alive), or rejects when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    timer.unref?.();
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const describeError = (error: unknown): string => {
  const parts: string[] = [];
  for (let cause = error; cause instanceof Error && parts.length < 4; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    parts.push(`${cause.message}${typeof code === "string" ? ` (${code})` : ""}`);
  }
  return parts.join(": ") || String(error);
};

export function createWebhookSender(options: WebhookOptions = {}): WebhookSender {
  const keys: FakeSigningKeys = signingKeys(options.keys);
  const maxAttempts = positive(options.retry?.maxAttempts, 4, "webhooks.retry.maxAttempts", 1);
  if (!Number.isInteger(maxAttempts)) throw new FakeUsageError(`webhooks.retry.maxAttempts must be a whole number, not ${maxAttempts}`);
  const initialDelayMs = positive(options.retry?.initialDelayMs, 100, "webhooks.retry.initialDelayMs", 0);
  const maxDelayMs = positive(options.retry?.maxDelayMs, 2_000, "webhooks.retry.maxDelayMs", 0);
  const timeoutMs = positive(options.timeoutMs, 5_000, "webhooks.timeoutMs", 1);
  const post = options.fetch ?? ((request: Request) => fetch(request));
  const signProviderDeliveries = options.signProviderDeliveries ?? false;
  checkUrls(options);
  let urls: WebhookUrls = { appUrl: options.appUrl ?? null, providerUrl: options.providerUrl ?? null };

  let deliveries: MutableDelivery[] = [];
  const pending = new Set<Promise<void>>();
  // Aborted by reset(): every attempt and wait of the deliveries before it stops.
  let generation = new AbortController();

  function urlFor(event: FakeEvent): { endpoint: WebhookEndpoint; url: string } | undefined {
    const [endpoint, url] = event.name === "ProviderOutboundMessage" ? (["provider", urls.providerUrl] as const) : (["app", urls.appUrl] as const);
    return url ? { endpoint, url } : undefined;
  }

  /** One POST; resolves with what happened, never rejects. */
  async function attempt(delivery: MutableDelivery, stop: AbortSignal): Promise<DeliveryAttempt> {
    const startedAt = Date.now();
    const number = delivery.attempts.length + 1;
    const signal = AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]);
    try {
      const response = await post(new Request(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body, signal }));
      // Read to the end, so that the connection is free for the next delivery.
      const text = await response.text();
      const responseBody = text.length > responseBodyLimit ? `${text.slice(0, responseBodyLimit)}...` : text;
      return { number, startedAt, durationMs: Date.now() - startedAt, status: response.status, ...(responseBody ? { responseBody } : {}) };
    } catch (error) {
      const timedOut = !stop.aborted && signal.aborted;
      const reason = timedOut ? `no answer within ${timeoutMs} ms: abandoned` : describeError(error);
      return { number, startedAt, durationMs: Date.now() - startedAt, error: reason };
    }
  }

  /** Attempts until one is answered 2xx, or `attempts` are used up; then sets the state. */
  async function run(delivery: MutableDelivery, attempts: number, stop: AbortSignal): Promise<void> {
    delivery.state = "pending";
    try {
      for (let tried = 0; ; ) {
        const result = await attempt(delivery, stop);
        if (stop.aborted) break;
        delivery.attempts.push(result);
        tried += 1;
        if (result.status !== undefined && result.status >= 200 && result.status < 300) {
          delivery.state = "delivered";
          return;
        }
        if (tried >= attempts) {
          delivery.state = "failed";
          return;
        }
        await pause(Math.min(maxDelayMs, initialDelayMs * 2 ** (tried - 1)), stop);
      }
    } catch {
      // Only a pause rejects, and only when reset() stopped it.
    }
    delivery.state = "cancelled";
  }

  function track(work: Promise<void>): Promise<void> {
    pending.add(work);
    void work.finally(() => pending.delete(work));
    return work;
  }

  function deliver(event: FakeEvent): void {
    const target = urlFor(event);
    if (!target) return;
    const body = JSON.stringify(event.payload);
    const stop = generation.signal;
    const delivery: MutableDelivery = { id: deliveries.length + 1, event, ...target, body, headers: {}, attempts: [], state: "pending" };
    deliveries.push(delivery);
    track(
      (async () => {
        try {
          delivery.headers =
            target.endpoint === "provider" && !signProviderDeliveries
              ? { "content-type": "application/json" }
              : await signatureHeadersFor(body, { keys: await keys.signing() });
        } catch (error) {
          delivery.attempts.push({ number: 1, startedAt: Date.now(), durationMs: 0, error: `not signed: ${describeError(error)}` });
          delivery.state = "failed";
          return;
        }
        if (stop.aborted) delivery.state = "cancelled";
        else await run(delivery, maxAttempts, stop);
      })(),
    );
  }

  return {
    get publicKey() {
      return keys.publicKey;
    },
    get algorithm() {
      return keys.algorithm;
    },
    get urls() {
      return { ...urls };
    },
    setUrls(next) {
      checkUrls(next);
      urls = { ...urls, ...Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined)) };
    },
    get deliveries() {
      return deliveries;
    },
    async idle({ signal } = {}) {
      signal?.throwIfAborted();
      while (pending.size > 0) {
        const settled = Promise.allSettled([...pending]);
        if (!signal) await settled;
        else {
          await new Promise<void>((resolve, reject) => {
            const onAbort = () => reject(signal.reason);
            signal.addEventListener("abort", onAbort, { once: true });
            void settled.then(() => {
              signal.removeEventListener("abort", onAbort);
              resolve();
            });
          });
        }
      }
      return deliveries;
    },
    async redeliver(which) {
      const id = typeof which === "number" ? which : which.id;
      const delivery = deliveries.find((candidate) => candidate.id === id);
      if (!delivery || (typeof which !== "number" && delivery !== which)) {
        throw new FakeUsageError(`redeliver: no delivery ${id} since the last reset()`);
      }
      if (delivery.state === "pending") throw new FakeUsageError(`redeliver: delivery ${id} is still under way (await fake.webhooks.idle() first)`);
      await track(run(delivery, 1, generation.signal));
      return delivery;
    },
    send: deliver,
    reset() {
      generation.abort(new Error("the fake was reset"));
      generation = new AbortController();
      for (const delivery of deliveries) if (delivery.state === "pending") delivery.state = "cancelled";
      deliveries = [];
    },
  };
}
