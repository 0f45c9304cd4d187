// The testing entry, which consumers' tests and the repository's fake use to send signed deliveries:
// keys that the verifier accepts, deliveries as HighLevel makes them, the spec's examples.
import { describe, expect, it } from "vitest";
import { MemoryReplayStore, unwrap } from "../src/index.js";
import {
  deliverWebhook,
  exampleEvent,
  exampleNames,
  generateSigningKeys,
  importSigningKeys,
  signatureHeadersFor,
  signBody,
  signedDelivery,
} from "../src/testing/index.js";
import { serve } from "./support/http.js";

describe("generateSigningKeys", () => {
  it("makes an Ed25519 pair whose publicKey unwrap takes as it is", async () => {
    const keys = await generateSigningKeys();
    expect(keys.algorithm).toBe("Ed25519");
    const { body, headers } = await signedDelivery(exampleEvent("InboundMessage"), { keys });
    await expect(unwrap(body, headers, { publicKeys: [keys.publicKey], replayStore: new MemoryReplayStore() })).resolves.toBeDefined();
  });

  it("exports keys that another process can import and sign with", async () => {
    const keys = await generateSigningKeys();
    const exported = JSON.parse(JSON.stringify({ algorithm: keys.algorithm, publicKey: keys.publicKey, privateKeyPkcs8: keys.privateKeyPkcs8 }));
    const imported = await importSigningKeys(exported);
    expect(await signBody("same bytes", imported)).toBe(await signBody("same bytes", keys)); // Ed25519 is deterministic
  });
});

describe("signedDelivery", () => {
  it("sets a fresh timestamp and a new webhookId, replacing the example's", async () => {
    const keys = await generateSigningKeys();
    const example = exampleEvent("InboundMessage", "sms");
    const now = Date.parse("2026-03-01T12:00:00.000Z");
    const first = JSON.parse((await signedDelivery(example, { keys, now: () => now })).body);
    const second = JSON.parse((await signedDelivery(example, { keys })).body);
    expect(first.timestamp).toBe("2026-03-01T12:00:00.000Z");
    expect(first.webhookId).not.toBe(example.webhookId);
    expect(first.webhookId).not.toBe(second.webhookId);
    expect({ ...first, timestamp: undefined, webhookId: undefined }).toEqual({ ...example, timestamp: undefined, webhookId: undefined });
  });

  it("keeps a given timestamp and webhookId, and leaves them out when given null", async () => {
    const keys = await generateSigningKeys();
    const given = JSON.parse((await signedDelivery({ type: "X" }, { keys, timestamp: "2026-01-01T00:00:00Z", webhookId: "w-1" })).body);
    expect(given).toEqual({ type: "X", timestamp: "2026-01-01T00:00:00Z", webhookId: "w-1" });
    const without = JSON.parse((await signedDelivery({ type: "X" }, { keys, timestamp: null, webhookId: null })).body);
    expect(without).toEqual({ type: "X" });
  });

  it("signs the body it returns, byte for byte, with both headers during the legacy transition", async () => {
    const [keys, legacyRsaKeys] = await Promise.all([generateSigningKeys(), generateSigningKeys({ algorithm: "RSA-SHA256", modulusLength: 2048 })]);
    const { body, headers } = await signedDelivery(exampleEvent("LCEmailStats"), { keys, legacyRsaKeys });
    expect(headers).toEqual(await signatureHeadersFor(body, { keys, legacyRsaKeys }));
    expect(Object.keys(headers).sort()).toEqual(["content-type", "x-ghl-signature", "x-wh-signature"]);
  });
});

describe("deliverWebhook", () => {
  it("POSTs the signed delivery to a URL over HTTP", async () => {
    const keys = await generateSigningKeys();
    const seen: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const url = await serve((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        seen.push({ headers: request.headers, body });
        response.end("thanks");
      });
    });
    const response = await deliverWebhook(`${url}/hook`, exampleEvent("ConversationUnreadUpdate"), { keys });
    expect(await response.text()).toBe("thanks");
    const [delivery] = seen;
    await expect(
      unwrap(delivery?.body ?? "", delivery?.headers as Record<string, string>, { publicKeys: [keys.publicKey], replayStore: new MemoryReplayStore() }),
    ).resolves.toMatchObject({ type: "ConversationUnreadUpdate" });
  });
});

describe("exampleEvent", () => {
  it("gives the spec's named examples, as copies", () => {
    expect(exampleNames("InboundMessage")).toEqual(["sms", "call", "email", "custom-provider-sms"]);
    const email = exampleEvent("InboundMessage", "email");
    expect(email.messageType).toBe("Email");
    email.body = "changed";
    expect(exampleEvent("InboundMessage", "email").body).not.toBe("changed");
  });

  it("says which examples exist when asked for another", () => {
    expect(() => exampleEvent("OutboundMessage", "fax")).toThrow(/has: sms, email/);
  });
});
