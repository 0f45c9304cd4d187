// Signature checks with WebCrypto alone (Node 20+, Deno, Bun, Cloudflare Workers, Vercel Edge):
// `x-ghl-signature` is Ed25519 over the raw body; the legacy `x-wh-signature` is RSA-SHA256
// (PKCS#1 v1.5) over the same bytes, checked only when the receiver opted in with its keys.
import { decodeBase64 } from "./base64.js";
import { InvalidSignatureError, MissingSignatureError } from "./errors.js";
import { type HeadersInput, readHeader } from "./headers.js";
import { importPublicKey, type PublicKeyInput, type SignatureAlgorithm, webCryptoAlgorithms } from "./keys.js";

export const signatureHeaders = { Ed25519: "x-ghl-signature", "RSA-SHA256": "x-wh-signature" } as const;

export interface SignatureKeys {
  /** Ed25519 keys for `x-ghl-signature`; any one of them may have signed. */
  publicKeys: readonly PublicKeyInput[];
  /** RSA keys for the legacy `x-wh-signature`; empty: the legacy scheme is refused. */
  legacyRsaPublicKeys: readonly PublicKeyInput[];
}

/**
 * Resolves with the scheme that verified `body`, or throws MissingSignatureError or
 * InvalidSignatureError. When `x-ghl-signature` is present it decides, even if a legacy signature
 * would verify: a key rotation then shows up as a failure instead of passing silently until the
 * legacy scheme is retired.
 */
export async function verifySignature(body: Uint8Array<ArrayBuffer>, headers: HeadersInput, keys: SignatureKeys): Promise<SignatureAlgorithm> {
  const current = readHeader(headers, signatureHeaders.Ed25519);
  if (current !== undefined) return verifyWith("Ed25519", current, body, keys.publicKeys, "publicKeys");

  const legacy = readHeader(headers, signatureHeaders["RSA-SHA256"]);
  if (legacy === undefined) {
    throw new MissingSignatureError(`the request has no ${signatureHeaders.Ed25519} header: it is not signed, so it is refused`);
  }
  if (keys.legacyRsaPublicKeys.length === 0) {
    throw new MissingSignatureError(
      `the request has no ${signatureHeaders.Ed25519} header, only the legacy ${signatureHeaders["RSA-SHA256"]}, ` +
        "which is accepted only when you opt in with legacyRsaPublicKeys",
    );
  }
  return verifyWith("RSA-SHA256", legacy, body, keys.legacyRsaPublicKeys, "legacyRsaPublicKeys");
}

async function verifyWith(
  algorithm: SignatureAlgorithm,
  header: string,
  body: Uint8Array<ArrayBuffer>,
  keyInputs: readonly PublicKeyInput[],
  optionName: string,
): Promise<SignatureAlgorithm> {
  const name = signatureHeaders[algorithm];
  const signature = decodeBase64(header);
  if (!signature) throw new InvalidSignatureError(`${name} is not base64`);
  const keys = await Promise.all(keyInputs.map((key, index) => importPublicKey(key, algorithm, `${optionName}[${index}]`)));
  for (const key of keys) {
    if (await crypto.subtle.verify(webCryptoAlgorithms[algorithm], key, signature, body)) return algorithm;
  }
  throw new InvalidSignatureError(
    `${name} does not verify with ${keys.length === 1 ? "the" : `any of the ${keys.length}`} ${algorithm} key${keys.length === 1 ? "" : "s"}: ` +
      "the body was changed (or re-serialised) after signing, or it was signed with another key",
  );
}
