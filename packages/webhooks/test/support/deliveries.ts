// What the tests share: signing keys made once per file, and an unwrap bound to them with a fresh
// replay store, so that each test starts from a clean slate. Built on the package's own testing
// entry, as a consumer's tests would be.
import { MemoryReplayStore, unwrap, type UnwrapOptions, type WebhookEndpoint } from "../../src/index.js";
import type { RawBody } from "../../src/raw-body.js";
import type { HeadersInput } from "../../src/headers.js";
import { generateSigningKeys, signedDelivery, type SignedDeliveryOptions, type SigningKeys } from "../../src/testing/index.js";

let ed25519: Promise<SigningKeys> | undefined;
/** One Ed25519 key pair per test file. */
export function testKeys(): Promise<SigningKeys> {
  ed25519 ??= generateSigningKeys();
  return ed25519;
}

/** A signed delivery of `payload` with the test keys (fresh timestamp and webhookId unless given). */
export async function deliveryOf(payload: object, options: Partial<SignedDeliveryOptions> = {}) {
  return signedDelivery(payload, { keys: await testKeys(), ...options });
}

/** unwrap, trusting the test keys, with its own replay store unless one is given. */
export async function unwrapWithTestKeys<Endpoint extends WebhookEndpoint = "app">(
  body: RawBody,
  headers: HeadersInput,
  options: UnwrapOptions<Endpoint> = {},
) {
  return unwrap(body, headers, { publicKeys: [(await testKeys()).publicKey], replayStore: new MemoryReplayStore(), ...options });
}

/** The body with one byte changed (the first byte of the given text, to a neighbour). */
export function flipByte(body: string, text: string): string {
  const at = body.indexOf(text);
  if (at < 0) throw new Error(`${text} is not in the body`);
  return body.slice(0, at) + String.fromCharCode(body.charCodeAt(at) ^ 1) + body.slice(at + 1);
}
