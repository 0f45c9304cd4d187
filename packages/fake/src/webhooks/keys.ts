// The fake's signing key pair. Generated synchronously with node:crypto, so that `createFake()` stays
// synchronous and `fake.webhooks.publicKey` is there at once; the private half is imported into
// WebCrypto by the webhooks package's `importSigningKeys` on the first delivery, and every signature
// is made by its `signatureHeadersFor`, as any other test delivery.
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { importSigningKeys, type SigningKeys } from "@conversations-api/webhooks/testing";
import { FakeUsageError } from "../usage-error.js";

/** A key pair as `generateSigningKeys()` returns it, or in its exported form (no CryptoKey). */
export type SigningKeysInput = SigningKeys | Pick<SigningKeys, "algorithm" | "publicKey" | "privateKeyPkcs8">;

export interface FakeSigningKeys {
  readonly algorithm: SigningKeys["algorithm"];
  readonly publicKey: string;
  /** The WebCrypto keys, imported once. */
  signing(): Promise<SigningKeys>;
}

function generateEd25519(): Pick<SigningKeys, "algorithm" | "publicKey" | "privateKeyPkcs8"> {
  const pair = generateKeyPairSync("ed25519", {
    publicKeyEncoding: { type: "spki", format: "der" },
    privateKeyEncoding: { type: "pkcs8", format: "der" },
  });
  return { algorithm: "Ed25519", publicKey: pair.publicKey.toString("base64"), privateKeyPkcs8: pair.privateKey.toString("base64") };
}

const nodeKeyTypes = { Ed25519: "ed25519", "RSA-SHA256": "rsa" } as const;

// Keys that cannot sign are refused by createFake at once, rather than failing every delivery.
function check(keys: Pick<SigningKeys, "algorithm" | "privateKeyPkcs8">): void {
  const expected = nodeKeyTypes[keys.algorithm];
  if (!expected) throw new FakeUsageError(`webhooks.keys.algorithm must be "Ed25519" or "RSA-SHA256", not ${JSON.stringify(keys.algorithm)}`);
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: Buffer.from(keys.privateKeyPkcs8, "base64"), format: "der", type: "pkcs8" }).asymmetricKeyType;
  } catch {
    // The cause would quote the key material: left out.
    throw new FakeUsageError("webhooks.keys.privateKeyPkcs8 is not a PKCS#8 private key in base64");
  }
  if (type !== expected) throw new FakeUsageError(`webhooks.keys.privateKeyPkcs8 is an ${type} key, not the ${keys.algorithm} key that algorithm says`);
}

export function signingKeys(input: SigningKeysInput | undefined): FakeSigningKeys {
  const exported = input ?? generateEd25519();
  if (input) check(input);
  let imported: Promise<SigningKeys> | undefined = "privateKey" in exported ? Promise.resolve(exported) : undefined;
  // Only the public half is a property: `inspect(fake.webhooks)` and the admin surface never show the private one.
  return {
    algorithm: exported.algorithm,
    publicKey: exported.publicKey,
    signing() {
      imported ??= importSigningKeys(exported);
      return imported;
    },
  };
}
