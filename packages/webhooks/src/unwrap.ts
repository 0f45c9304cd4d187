// unwrap(): from the raw body and headers of a request to a typed, verified event, or a thrown
// WebhookVerificationError. Fail-closed: every check must pass, in an order that does the cheap
// and the irrevocable right (the signature before anything is parsed; the webhookId is claimed
// last, so that a delivery refused for another reason does not use up its id). At a provider's
// Delivery URL, which HighLevel does not sign today, an unsigned delivery is accepted only when the
// receiver opted in to a secret in the URL (`urlSecret`), and then once per messageId.
import {
  InvalidUrlSecretError,
  MalformedPayloadError,
  MissingReplayFieldError,
  ReplayedWebhookError,
  TimestampOutsideWindowError,
  UnknownEventTypeError,
  WebhookConfigurationError,
} from "./errors.js";
import { isWebhookEventType, type ProviderOutboundMessage, type Verified, type WebhookEvent, type WebhookName } from "./events.js";
import type { HeadersInput } from "./headers.js";
import { HIGHLEVEL_WEBHOOK_PUBLIC_KEY, type PublicKeyInput } from "./keys.js";
import { rawBodyBytes, type RawBody } from "./raw-body.js";
import { defaultReplayStore, type ReplayStore } from "./replay-store.js";
import { signatureHeaders, verifySignature } from "./signature.js";
import { readHeader } from "./headers.js";
import { matchesSecret, secretInUrl, type UrlSecretCheck, type UrlSecretOptions, urlSecretCheck } from "./url-secret.js";

/**
 * Where the request arrived: `"app"`, a Marketplace app's webhook URL (the events, by `type`), or
 * `"provider"`, a custom conversation provider's Delivery URL (ProviderOutboundMessage).
 */
export type WebhookEndpoint = "app" | "provider";

/**
 * What `unwrap` resolves with at an endpoint. At a provider's Delivery URL, `timestamp` and
 * `webhookId` stay optional: HighLevel's unsigned deliveries there need not carry them.
 */
export type EventAt<Endpoint extends WebhookEndpoint> = Endpoint extends "provider" ? ProviderOutboundMessage : Verified<WebhookEvent>;

export interface UnwrapOptions<Endpoint extends WebhookEndpoint = "app"> {
  /** Default `"app"`. */
  endpoint?: Endpoint;
  /**
   * Ed25519 keys that may have signed `x-ghl-signature` (SPKI base64, PEM or CryptoKey). Default:
   * HighLevel's published key. Pass several while a rotation is under way.
   */
  publicKeys?: readonly PublicKeyInput[];
  /**
   * Opts in to the legacy `x-wh-signature` (RSA-SHA256) for requests without `x-ghl-signature`,
   * with the RSA public keys to check it against. Off by default; the vendor retires it in 2026.
   */
  legacyRsaPublicKeys?: readonly PublicKeyInput[];
  /** How far `timestamp` may be from the receiver's clock, either way. Default 5 minutes. */
  toleranceMs?: number;
  /** How long an accepted webhookId is remembered (at least the window). Default 24 hours. */
  replayTtlMs?: number;
  /** The receiver's clock, epoch milliseconds. Default Date.now. */
  now?: () => number;
  /** Where accepted webhookIds are remembered. Default: one in-memory store per process. */
  replayStore?: ReplayStore;
  /**
   * Also check the payload against the spec's schema of its event (a PayloadValidationError names
   * the field). Loads Ajv and the bundled spec on first use; Ajv compiles with `new Function`, which
   * some edge runtimes forbid.
   */
  validate?: boolean;
  /**
   * Provider endpoint only, an explicit opt-in: accept a delivery that carries no signature header
   * when the URL it was posted to carries one of these secrets (HighLevel does not sign Delivery URL
   * requests today). A signature header, when present, is verified whatever this says. An unsigned
   * delivery is accepted once per `messageId` (kept in `replayStore` for `replayTtlMs`), and its
   * `timestamp`, when it has one, must be within the window.
   */
  urlSecret?: Endpoint extends "provider" ? UrlSecretOptions : never;
  /**
   * The URL the request was posted to (absolute, or a path and query as node's `req.url`), where
   * `urlSecret` is read. The adapters set it; give it when you call unwrap yourself.
   */
  requestUrl?: string | URL;
}

/** A verified event, and the key it was claimed under in the replay store (to release it after a failure). */
export interface VerifiedDelivery<Endpoint extends WebhookEndpoint> {
  event: EventAt<Endpoint>;
  replayKey: string;
}

export const defaultToleranceMs = 5 * 60_000;
export const defaultReplayTtlMs = 24 * 60 * 60_000;

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Verifies a webhook request and returns its event: the Ed25519 signature over the raw body, the
 * timestamp window, the webhookId not seen before, and (with `validate`) the spec's schema. Throws a
 * WebhookVerificationError subclass for each way it can fail, and UnknownEventTypeError for a
 * verified event of a type this package does not know.
 *
 * @param rawBody the body exactly as received: a string, Uint8Array/Buffer or ArrayBuffer, never a parsed object
 * @param headers the request's headers (a Fetch API Headers, or node:http's `req.headers`)
 */
export function unwrap<Endpoint extends WebhookEndpoint = "app">(
  rawBody: RawBody,
  headers: HeadersInput,
  options: UnwrapOptions<Endpoint> = {},
): Promise<EventAt<Endpoint>> {
  // The verification itself, with no promise in between: unwrap is on every delivery's path.
  return verify(rawBody, headers, options, undefined);
}

/** unwrap, also telling the replay key it claimed (what the adapters release when the handler fails). */
export async function verifyDelivery<Endpoint extends WebhookEndpoint = "app">(
  rawBody: RawBody,
  headers: HeadersInput,
  options: UnwrapOptions<Endpoint> = {},
): Promise<VerifiedDelivery<Endpoint>> {
  const claimed = { replayKey: "" };
  const event = await verify(rawBody, headers, options, claimed);
  return { event, replayKey: claimed.replayKey };
}

/** What unwrap does; `claimed.replayKey` is set to the key claimed in the replay store. */
async function verify<Endpoint extends WebhookEndpoint>(
  rawBody: RawBody,
  headers: HeadersInput,
  options: UnwrapOptions<Endpoint>,
  claimed: { replayKey: string } | undefined,
): Promise<EventAt<Endpoint>> {
  const settings = resolveOptions(options);
  const bytes = rawBodyBytes(rawBody);
  if (settings.urlSecret && !hasSignatureHeader(headers)) return verifyUnsignedProviderDelivery(bytes, settings, settings.urlSecret, options.requestUrl, claimed);
  await verifySignature(bytes, headers, settings);

  const payload = parsePayload(bytes);
  const now = settings.now();
  const timestamp = checkTimestamp(payload, now, settings.toleranceMs);
  const webhookId = payload.webhookId;
  if (typeof webhookId !== "string" || webhookId === "") {
    throw new MissingReplayFieldError("webhookId", "the delivery has no webhookId, so a replay of it could not be told apart: refused");
  }

  const name = webhookName(payload, settings.endpoint);
  if (settings.validate && name !== undefined) {
    const { validatePayload } = await import("./validate.js");
    validatePayload(name, payload);
  }

  const expiresAt = Math.max(timestamp + settings.toleranceMs, now + settings.replayTtlMs);
  if (!(await settings.replayStore.claim(webhookId, expiresAt))) throw new ReplayedWebhookError(webhookId);

  if (name === undefined) throw new UnknownEventTypeError(String(payload.type), payload);
  if (claimed) claimed.replayKey = webhookId;
  return payload as EventAt<Endpoint>;
}

/** The replay store's key of an unsigned provider delivery: its messageId, apart from webhookIds. */
export const providerMessageReplayKey = (messageId: string) => `provider-message:${messageId}`;

function hasSignatureHeader(headers: HeadersInput): boolean {
  return readHeader(headers, signatureHeaders.Ed25519) !== undefined || readHeader(headers, signatureHeaders["RSA-SHA256"]) !== undefined;
}

/**
 * A provider delivery without a signature header, with `urlSecret` configured: the URL's secret,
 * then the payload, its timestamp if it has one, and its messageId claimed once.
 */
async function verifyUnsignedProviderDelivery<Endpoint extends WebhookEndpoint>(
  bytes: Uint8Array,
  settings: Settings,
  urlSecret: UrlSecretCheck,
  requestUrl: string | URL | undefined,
  claimed: { replayKey: string } | undefined,
): Promise<EventAt<Endpoint>> {
  if (requestUrl === undefined || requestUrl === "") {
    throw new WebhookConfigurationError("urlSecret is set but requestUrl is not: give unwrap the URL the request was posted to (the adapters do)");
  }
  if (!matchesSecret(secretInUrl(requestUrl, urlSecret), urlSecret)) {
    throw new InvalidUrlSecretError(
      `the request has no signature header, and the URL it was posted to does not carry the Delivery URL secret (${
        urlSecret.in === "query" ? `query parameter ${urlSecret.queryParameter}` : "last path segment"
      }): refused`,
    );
  }
  const payload = parsePayload(bytes);
  const now = settings.now();
  if (payload.timestamp !== undefined) checkTimestamp(payload, now, settings.toleranceMs);
  const { messageId } = payload;
  if (typeof messageId !== "string" || messageId === "") {
    throw new MissingReplayFieldError("messageId", "the unsigned delivery has no messageId, so a replay of it could not be told apart: refused");
  }
  if (settings.validate) {
    const { validatePayload } = await import("./validate.js");
    validatePayload("ProviderOutboundMessage", payload);
  }
  const replayKey = providerMessageReplayKey(messageId);
  if (!(await settings.replayStore.claim(replayKey, now + Math.max(settings.replayTtlMs, settings.toleranceMs)))) {
    throw new ReplayedWebhookError(messageId, "messageId");
  }
  if (claimed) claimed.replayKey = replayKey;
  return payload as EventAt<Endpoint>;
}

type Settings = ReturnType<typeof resolveOptions>;

function resolveOptions<Endpoint extends WebhookEndpoint>(options: UnwrapOptions<Endpoint>) {
  const toleranceMs = options.toleranceMs ?? defaultToleranceMs;
  const replayTtlMs = options.replayTtlMs ?? defaultReplayTtlMs;
  if (!(toleranceMs >= 0)) throw new WebhookConfigurationError(`toleranceMs must be a number of milliseconds >= 0, not ${toleranceMs}`);
  if (!(replayTtlMs >= 0)) throw new WebhookConfigurationError(`replayTtlMs must be a number of milliseconds >= 0, not ${replayTtlMs}`);
  const publicKeys = options.publicKeys ?? [HIGHLEVEL_WEBHOOK_PUBLIC_KEY];
  if (publicKeys.length === 0) throw new WebhookConfigurationError("publicKeys is empty: no Ed25519 key to verify x-ghl-signature with");
  const endpoint = (options.endpoint ?? "app") as WebhookEndpoint;
  if (options.urlSecret !== undefined && endpoint !== "provider") {
    throw new WebhookConfigurationError('urlSecret is for a provider\'s Delivery URL (endpoint: "provider"); an app\'s webhooks are signed');
  }
  return {
    endpoint,
    urlSecret: options.urlSecret === undefined ? undefined : urlSecretCheck(options.urlSecret),
    publicKeys,
    legacyRsaPublicKeys: options.legacyRsaPublicKeys ?? [],
    toleranceMs,
    replayTtlMs,
    now: options.now ?? Date.now,
    replayStore: options.replayStore ?? defaultReplayStore(),
    validate: options.validate ?? false,
  };
}

function parsePayload(bytes: Uint8Array): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw new MalformedPayloadError("the signed body is not JSON (or not UTF-8)", { cause });
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new MalformedPayloadError(`the signed body is JSON but not an object (${Array.isArray(payload) ? "an array" : String(payload)})`);
  }
  return payload as Record<string, unknown>;
}

/** The timestamp in epoch milliseconds, once it is known to be within the window. */
function checkTimestamp(payload: Record<string, unknown>, now: number, toleranceMs: number): number {
  const { timestamp } = payload;
  const time = typeof timestamp === "string" ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new MissingReplayFieldError(
      "timestamp",
      timestamp === undefined
        ? "the delivery has no timestamp, so its age cannot be checked: refused"
        : `the delivery's timestamp is not an ISO 8601 date (${JSON.stringify(timestamp)}): refused`,
    );
  }
  if (Math.abs(now - time) > toleranceMs) throw new TimestampOutsideWindowError(timestamp as string, now, toleranceMs);
  return time;
}

/** The schema name of the payload at the endpoint, or undefined for an event type of no webhook here. */
function webhookName(payload: Record<string, unknown>, endpoint: WebhookEndpoint): WebhookName | undefined {
  if (endpoint === "provider") return "ProviderOutboundMessage";
  if (typeof payload.type !== "string") {
    throw new MalformedPayloadError("the signed body has no string `type`, which names the event at an app's webhook URL");
  }
  return isWebhookEventType(payload.type) ? payload.type : undefined;
}
