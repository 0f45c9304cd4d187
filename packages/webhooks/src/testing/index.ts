// @conversations-api/webhooks/testing: sign deliveries the way HighLevel does, so that tests (yours,
// a fake's) can post signed events to a real handler. Generate a key pair, give its publicKey to
// the receiver (`unwrap`'s publicKeys), and sign payloads with it.
import spec from "@conversations-api/types/openapi.json" with { type: "json" };
import { encodeBase64 } from "../base64.js";
import type { WebhookName, WebhookPayload } from "../events.js";
import { type SignatureAlgorithm, spkiBytes, webCryptoAlgorithms } from "../keys.js";
import { signatureHeaders } from "../signature.js";

/** A key pair that signs test deliveries. */
export interface SigningKeys {
  algorithm: SignatureAlgorithm;
  /** The public half, SPKI base64: what `publicKeys` (Ed25519) or `legacyRsaPublicKeys` (RSA) take. */
  publicKey: string;
  /** The private half, PKCS#8 base64, to hand to another process (see importSigningKeys). */
  privateKeyPkcs8: string;
  privateKey: CryptoKey;
}

export interface GenerateSigningKeysOptions {
  /** Default "Ed25519" (x-ghl-signature); "RSA-SHA256" signs the legacy x-wh-signature. */
  algorithm?: SignatureAlgorithm;
  /** RSA only: default 4096, the size of the vendor's key. */
  modulusLength?: number;
}

/** A fresh key pair (WebCrypto). */
export async function generateSigningKeys(options: GenerateSigningKeysOptions = {}): Promise<SigningKeys> {
  const algorithm = options.algorithm ?? "Ed25519";
  const parameters =
    algorithm === "Ed25519"
      ? webCryptoAlgorithms.Ed25519
      : { ...webCryptoAlgorithms["RSA-SHA256"], modulusLength: options.modulusLength ?? 4096, publicExponent: new Uint8Array([1, 0, 1]) };
  const pair = (await crypto.subtle.generateKey(parameters, true, ["sign", "verify"])) as CryptoKeyPair;
  return {
    algorithm,
    publicKey: encodeBase64(new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey))),
    privateKeyPkcs8: encodeBase64(new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey))),
    privateKey: pair.privateKey,
  };
}

/** Signing keys from their exported form (another process's `generateSigningKeys()` result). */
export async function importSigningKeys(keys: Pick<SigningKeys, "algorithm" | "publicKey" | "privateKeyPkcs8">): Promise<SigningKeys> {
  const pkcs8 = spkiBytes(keys.privateKeyPkcs8);
  if (!pkcs8) throw new TypeError("privateKeyPkcs8 is not base64");
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, webCryptoAlgorithms[keys.algorithm], true, ["sign"]);
  return { ...keys, privateKey };
}

const encoder = new TextEncoder();

/** The base64 signature of `body` (its UTF-8 bytes when a string), as HighLevel puts it in the header. */
export async function signBody(body: string | Uint8Array, keys: SigningKeys): Promise<string> {
  const bytes = (typeof body === "string" ? encoder.encode(body) : body) as Uint8Array<ArrayBuffer>;
  return encodeBase64(new Uint8Array(await crypto.subtle.sign(webCryptoAlgorithms[keys.algorithm], keys.privateKey, bytes)));
}

export interface SignatureHeaderOptions {
  /** Signs `x-ghl-signature` (Ed25519 keys) or, with RSA keys, only the legacy `x-wh-signature`. */
  keys: SigningKeys;
  /** Also signs the legacy `x-wh-signature` with these RSA keys, as deliveries during the transition carry both. */
  legacyRsaKeys?: SigningKeys;
}

/** The headers of a signed delivery of `body`: content-type and the signature header(s). */
export async function signatureHeadersFor(body: string | Uint8Array, options: SignatureHeaderOptions): Promise<Record<string, string>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  for (const keys of [options.keys, options.legacyRsaKeys]) {
    if (keys) headers[signatureHeaders[keys.algorithm]] = await signBody(body, keys);
  }
  return headers;
}

export interface SignedDeliveryOptions extends SignatureHeaderOptions {
  /** The body's `timestamp`: default now (ISO 8601); `null` leaves it out. */
  timestamp?: Date | string | null;
  /** The body's `webhookId`: default a random UUID; `null` leaves it out. */
  webhookId?: string | null;
  /** The clock for the default timestamp, epoch milliseconds. Default Date.now. */
  now?: () => number;
}

export interface SignedDelivery {
  /** The JSON body, exactly the bytes that were signed: send it as it is. */
  body: string;
  headers: Record<string, string>;
}

/**
 * A delivery of `payload` as HighLevel sends one: `timestamp` and `webhookId` set (replacing the
 * payload's own, so that an example with an old timestamp is fresh), serialised once, and signed.
 */
export async function signedDelivery(payload: object, options: SignedDeliveryOptions): Promise<SignedDelivery> {
  const { timestamp: _timestamp, webhookId: _webhookId, ...fields } = payload as Record<string, unknown>;
  const timestamp = options.timestamp === undefined ? new Date((options.now ?? Date.now)()).toISOString() : options.timestamp;
  const webhookId = options.webhookId === undefined ? crypto.randomUUID() : options.webhookId;
  const body = JSON.stringify({
    ...fields,
    ...(timestamp === null ? {} : { timestamp: timestamp instanceof Date ? timestamp.toISOString() : timestamp }),
    ...(webhookId === null ? {} : { webhookId }),
  });
  return { body, headers: await signatureHeadersFor(body, options) };
}

/** POSTs a signed delivery of `payload` to `url` (with the global fetch, or the one given) and returns the response. */
export async function deliverWebhook(
  url: string | URL,
  payload: object,
  options: SignedDeliveryOptions & { fetch?: (request: Request) => Promise<Response> },
): Promise<Response> {
  const { body, headers } = await signedDelivery(payload, options);
  const request = new Request(url, { method: "POST", headers, body });
  return (options.fetch ?? fetch)(request);
}

type SpecExamples = Record<string, { value: unknown }>;
type SpecWebhooks = Record<string, { post: { requestBody: { content: { "application/json": { examples?: SpecExamples } } } } }>;

/**
 * A named example of a webhook from the spec (the bundled @conversations-api/types/openapi.json):
 * `exampleEvent("InboundMessage", "email")`; the first example when no name is given. A copy, so
 * that a test may change it.
 */
export function exampleEvent<Name extends WebhookName>(name: Name, exampleName?: string): WebhookPayload<Name> {
  const examples = (spec as unknown as { webhooks: SpecWebhooks }).webhooks[name]?.post.requestBody.content["application/json"].examples ?? {};
  const example = exampleName === undefined ? Object.values(examples)[0] : examples[exampleName];
  if (!example) {
    throw new RangeError(`the spec has no example ${JSON.stringify(exampleName)} for ${name}; it has: ${Object.keys(examples).join(", ")}`);
  }
  return structuredClone(example.value) as WebhookPayload<Name>;
}

/** The names of a webhook's examples in the spec, e.g. `["sms", "call", "email"]` for InboundMessage. */
export function exampleNames(name: WebhookName): string[] {
  return Object.keys((spec as unknown as { webhooks: SpecWebhooks }).webhooks[name]?.post.requestBody.content["application/json"].examples ?? {});
}
