// The legacy x-wh-signature (RSA-SHA256, PKCS#1 v1.5): off unless the receiver opts in with its RSA
// keys, and then only for requests without x-ghl-signature. The vendor's RSA key is not among our
// facts, so the path is proven with a generated 4096-bit key, the size of the vendor's.
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidSignatureError, MissingSignatureError } from "../src/index.js";
import { exampleEvent, generateSigningKeys, type SigningKeys } from "../src/testing/index.js";
import vendorFacts from "./fixtures/vendor-facts.json" with { type: "json" };
import { deliveryOf, testKeys, unwrapWithTestKeys } from "./support/deliveries.js";

let rsa: SigningKeys;
let otherRsa: SigningKeys;
beforeAll(async () => {
  // The other key is smaller: it only has to be another key, and 4096-bit generation takes seconds.
  [rsa, otherRsa] = await Promise.all([
    generateSigningKeys({ algorithm: "RSA-SHA256" }),
    generateSigningKeys({ algorithm: "RSA-SHA256", modulusLength: 2048 }),
  ]);
});

describe("the legacy x-wh-signature", () => {
  it("is made with a 4096-bit key, like the vendor's", async () => {
    const key = await crypto.subtle.importKey("spki", Buffer.from(rsa.publicKey, "base64"), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, ["verify"]);
    expect((key.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(vendorFacts.legacyRsaModulusBits);
  });

  it("is refused by default, with MissingSignatureError saying how to opt in", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"), { keys: rsa });
    expect(Object.keys(headers)).toContain(vendorFacts.legacySignatureHeader);
    expect(Object.keys(headers)).not.toContain(vendorFacts.currentSignatureHeader);
    const error = await unwrapWithTestKeys(body, headers).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingSignatureError);
    expect(String(error)).toMatch(/only the legacy x-wh-signature.*legacyRsaPublicKeys/);
  });

  it("verifies when the receiver opts in with the RSA key", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"), { keys: rsa });
    await expect(unwrapWithTestKeys(body, headers, { legacyRsaPublicKeys: [rsa.publicKey] })).resolves.toMatchObject({ type: "InboundMessage" });
  });

  it("fails with InvalidSignatureError for another RSA key, or a flipped byte", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"), { keys: rsa });
    await expect(unwrapWithTestKeys(body, headers, { legacyRsaPublicKeys: [otherRsa.publicKey] })).rejects.toThrow(InvalidSignatureError);
    await expect(unwrapWithTestKeys(body.replace("3pm", "4pm"), headers, { legacyRsaPublicKeys: [rsa.publicKey] })).rejects.toThrow(
      InvalidSignatureError,
    );
  });

  it("does not rescue a delivery whose x-ghl-signature fails: the current scheme decides when present", async () => {
    const otherEd25519 = await generateSigningKeys();
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"), { keys: otherEd25519, legacyRsaKeys: rsa });
    expect(Object.keys(headers)).toEqual(expect.arrayContaining(["x-ghl-signature", "x-wh-signature"]));
    await expect(unwrapWithTestKeys(body, headers, { legacyRsaPublicKeys: [rsa.publicKey] })).rejects.toThrow(InvalidSignatureError);
    // Signed with the trusted Ed25519 key as well, the same kind of delivery passes.
    const good = await deliveryOf(exampleEvent("InboundMessage", "sms"), { keys: await testKeys(), legacyRsaKeys: rsa });
    await expect(unwrapWithTestKeys(good.body, good.headers, { legacyRsaPublicKeys: [rsa.publicKey] })).resolves.toBeDefined();
  });
});
