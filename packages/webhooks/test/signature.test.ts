// x-ghl-signature: Ed25519 over the raw body, checked with WebCrypto against the receiver's keys.
// A real signature made with a generated key verifies; every kind of tampering or absence fails,
// each with its own error class.
import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  HIGHLEVEL_WEBHOOK_PUBLIC_KEY,
  InvalidSignatureError,
  MissingSignatureError,
  unwrap,
  MemoryReplayStore,
  WebhookConfigurationError,
  WebhookVerificationError,
} from "../src/index.js";
import { exampleEvent, generateSigningKeys, signBody } from "../src/testing/index.js";
import vendorFacts from "./fixtures/vendor-facts.json" with { type: "json" };
import { deliveryOf, flipByte, testKeys, unwrapWithTestKeys } from "./support/deliveries.js";

describe("a delivery signed with a generated Ed25519 key", () => {
  it("verifies and comes back as the typed event", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    const event = await unwrapWithTestKeys(body, headers);
    expect(event.type).toBe("InboundMessage");
    if (event.type !== "InboundMessage") throw new Error("not narrowed");
    expect(event.body).toBe("Can we move my appointment to 3pm?");
    expect(event.webhookId).toBe(JSON.parse(body).webhookId);
  });

  it("verifies with the headers as a Fetch Headers, a node-style record with a list, or in mixed case", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("OutboundMessage"));
    const signature = headers["x-ghl-signature"] ?? "";
    for (const form of [new Headers(headers), { "x-ghl-signature": [signature] }, { "X-GHL-Signature": signature }]) {
      await expect(unwrapWithTestKeys(body, form)).resolves.toMatchObject({ type: "OutboundMessage" });
    }
  });

  it("fails with InvalidSignatureError when one byte of the body is flipped", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    const tampered = flipByte(body, "3pm");
    await expect(unwrapWithTestKeys(tampered, headers)).rejects.toThrow(InvalidSignatureError);
  });

  it("fails with InvalidSignatureError when one byte of the signature is flipped", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    const bytes = Buffer.from(headers["x-ghl-signature"] ?? "", "base64");
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    await expect(unwrapWithTestKeys(body, { ...headers, "x-ghl-signature": bytes.toString("base64") })).rejects.toThrow(
      InvalidSignatureError,
    );
  });

  it("fails with InvalidSignatureError when it was signed with another key", async () => {
    const otherKeys = await generateSigningKeys();
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"), { keys: otherKeys });
    await expect(unwrapWithTestKeys(body, headers)).rejects.toThrow(/does not verify with the Ed25519 key/);
    await expect(unwrapWithTestKeys(body, headers)).rejects.toBeInstanceOf(InvalidSignatureError);
  });

  it("fails with InvalidSignatureError when the header is not base64", async () => {
    const { body } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    await expect(unwrapWithTestKeys(body, { "x-ghl-signature": "not base64!" })).rejects.toThrow(InvalidSignatureError);
  });

  it("fails with MissingSignatureError when there is no signature header, or an empty one", async () => {
    const { body } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    await expect(unwrapWithTestKeys(body, { "content-type": "application/json" })).rejects.toThrow(MissingSignatureError);
    await expect(unwrapWithTestKeys(body, { "x-ghl-signature": "  " })).rejects.toThrow(MissingSignatureError);
  });

  it("is refused by default, when only HighLevel's published key is trusted", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    await expect(unwrap(body, headers, { replayStore: new MemoryReplayStore() })).rejects.toThrow(InvalidSignatureError);
  });

  it("every refusal is a WebhookVerificationError with its status", async () => {
    const { body } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    const error = await unwrapWithTestKeys(body, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({ name: "MissingSignatureError", code: "missing_signature", status: 401 });
  });
});

describe("key rotation", () => {
  it("accepts a delivery signed with any key of the list, and refuses one whose key was dropped", async () => {
    const [oldKeys, newKeys] = [await testKeys(), await generateSigningKeys()];
    const both = { publicKeys: [oldKeys.publicKey, newKeys.publicKey] };
    for (const keys of [oldKeys, newKeys]) {
      const { body, headers } = await deliveryOf(exampleEvent("ConversationUnreadUpdate"), { keys });
      await expect(unwrapWithTestKeys(body, headers, both)).resolves.toMatchObject({ type: "ConversationUnreadUpdate" });
    }
    const { body, headers } = await deliveryOf(exampleEvent("ConversationUnreadUpdate"), { keys: oldKeys });
    await expect(unwrapWithTestKeys(body, headers, { publicKeys: [newKeys.publicKey] })).rejects.toThrow(/does not verify/);
  });

  it("takes a key as SPKI base64, as PEM, or as a CryptoKey", async () => {
    const keys = await testKeys();
    const pem = `-----BEGIN PUBLIC KEY-----\n${keys.publicKey}\n-----END PUBLIC KEY-----\n`;
    const cryptoKey = await crypto.subtle.importKey("spki", Buffer.from(keys.publicKey, "base64"), { name: "Ed25519" }, false, ["verify"]);
    for (const publicKey of [keys.publicKey, pem, cryptoKey]) {
      const { body, headers } = await deliveryOf(exampleEvent("LCEmailStats"));
      await expect(unwrapWithTestKeys(body, headers, { publicKeys: [publicKey] })).resolves.toMatchObject({ type: "LCEmailStats" });
    }
  });

  it("refuses keys that are not Ed25519 public keys, or none at all, as a configuration error", async () => {
    const rsa = await generateSigningKeys({ algorithm: "RSA-SHA256", modulusLength: 2048 });
    const { body, headers } = await deliveryOf(exampleEvent("LCEmailStats"));
    await expect(unwrapWithTestKeys(body, headers, { publicKeys: [rsa.publicKey] })).rejects.toThrow(WebhookConfigurationError);
    await expect(unwrapWithTestKeys(body, headers, { publicKeys: ["not a key"] })).rejects.toThrow(/publicKeys\[0\] is neither SPKI/);
    await expect(unwrapWithTestKeys(body, headers, { publicKeys: [] })).rejects.toThrow(WebhookConfigurationError);
  });
});

describe("HighLevel's published key", () => {
  it("is the key of the vendor's guide", () => {
    expect(HIGHLEVEL_WEBHOOK_PUBLIC_KEY).toBe(vendorFacts.ed25519PublicKeySpkiBase64);
  });

  it("parses as an Ed25519 public key, in WebCrypto and in node:crypto", async () => {
    const der = Buffer.from(HIGHLEVEL_WEBHOOK_PUBLIC_KEY, "base64");
    const key = await crypto.subtle.importKey("spki", der, { name: "Ed25519" }, true, ["verify"]);
    expect(key.type).toBe("public");
    expect(key.algorithm.name).toBe("Ed25519");
    expect(new Uint8Array(await crypto.subtle.exportKey("raw", key))).toHaveLength(32);
    expect(createPublicKey({ key: der, format: "der", type: "spki" }).asymmetricKeyType).toBe("ed25519");
  });

  it("is what unwrap checks against by default: a signature it cannot have made is invalid, not skipped", async () => {
    const { body } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    const forged = await signBody(body, await generateSigningKeys());
    const error = await unwrap(body, { "x-ghl-signature": forged }, { replayStore: new MemoryReplayStore() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidSignatureError);
  });
});
