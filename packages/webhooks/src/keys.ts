// Public keys: the vendor's published Ed25519 key, and the import of keys given as SPKI base64, PEM
// or CryptoKey into WebCrypto (imported once per key and cached).
import { decodeBase64 } from "./base64.js";
import { WebhookConfigurationError } from "./errors.js";

/**
 * HighLevel's Ed25519 public key for `x-ghl-signature`, as published in its webhook integration
 * guide (SPKI, base64). The default of `unwrap`; when the vendor announces a new key, pass both:
 * `publicKeys: [HIGHLEVEL_WEBHOOK_PUBLIC_KEY, newKey]`.
 */
export const HIGHLEVEL_WEBHOOK_PUBLIC_KEY = "MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=";

/** A public key: SPKI DER in base64 (as the vendor publishes it), a PEM `PUBLIC KEY` block, or a WebCrypto key. */
export type PublicKeyInput = string | CryptoKey;

export type SignatureAlgorithm = "Ed25519" | "RSA-SHA256";

export const webCryptoAlgorithms = {
  Ed25519: { name: "Ed25519" },
  "RSA-SHA256": { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
} as const satisfies Record<SignatureAlgorithm, AlgorithmIdentifier | RsaHashedImportParams>;

/** The DER bytes of an SPKI key given as base64 or PEM, or undefined if it is neither. */
export function spkiBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  const pem = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(text);
  const base64 = (pem ? pem[1] ?? "" : text).replace(/\s+/g, "");
  return decodeBase64(base64);
}

// Imported keys by algorithm and text. A receiver has a handful of keys; the bound only keeps a
// caller that builds key strings per request from growing it without end.
const importedKeys = new Map<string, Promise<CryptoKey>>();
const maxCachedKeys = 64;

/** The WebCrypto key for `input`, imported once; a key that does not import is a configuration error. */
export function importPublicKey(input: PublicKeyInput, algorithm: SignatureAlgorithm, label: string): Promise<CryptoKey> {
  const expected = webCryptoAlgorithms[algorithm].name;
  if (typeof input !== "string") {
    if (input?.type !== "public" || input.algorithm?.name !== expected) {
      return Promise.reject(new WebhookConfigurationError(`${label} is not a ${algorithm} public CryptoKey`));
    }
    return Promise.resolve(input);
  }
  const cacheKey = `${algorithm}\n${input}`;
  let imported = importedKeys.get(cacheKey);
  if (!imported) {
    imported = importSpki(input, algorithm, label);
    // A failed import is not cached: the same mistake fails the same way next time.
    imported.catch(() => importedKeys.delete(cacheKey));
    if (importedKeys.size >= maxCachedKeys) importedKeys.clear();
    importedKeys.set(cacheKey, imported);
  }
  return imported;
}

async function importSpki(text: string, algorithm: SignatureAlgorithm, label: string): Promise<CryptoKey> {
  const der = spkiBytes(text);
  if (!der) throw new WebhookConfigurationError(`${label} is neither SPKI base64 nor a PEM PUBLIC KEY block`);
  try {
    return await crypto.subtle.importKey("spki", der, webCryptoAlgorithms[algorithm], false, ["verify"]);
  } catch (cause) {
    throw new WebhookConfigurationError(`${label} is not a ${algorithm} public key (SPKI)`, { cause });
  }
}
