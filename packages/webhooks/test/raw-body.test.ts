// Only the raw body can be verified. A parsed object is refused with an explanation; a body that
// was parsed and serialised again no longer verifies; raw bytes in every usual form do.
import { describe, expect, it } from "vitest";
import { InvalidSignatureError, MalformedPayloadError, RawBodyRequiredError, type RawBody } from "../src/index.js";
import { exampleEvent, signatureHeadersFor } from "../src/testing/index.js";
import { deliveryOf, testKeys, unwrapWithTestKeys } from "./support/deliveries.js";

/** A body as HighLevel may send it: its own spacing and escapes, which JSON.stringify does not reproduce. */
async function bodyWithEscapes() {
  const payload = { ...exampleEvent("InboundMessage", "sms"), body: "Caf\u00e9 at 3pm? \u{1F600}", timestamp: new Date().toISOString(), webhookId: crypto.randomUUID() };
  const body = JSON.stringify(payload, null, 1)
    .replace("Café", "Caf\\u00e9")
    .replace("\u{1F600}", "\\ud83d\\ude00")
    .replace(/\//g, "\\/");
  return { body, headers: await signatureHeadersFor(body, { keys: await testKeys() }) };
}

describe("the raw body", () => {
  it("verifies as a string, a Buffer, a Uint8Array, an ArrayBuffer and a DataView", async () => {
    const { body, headers } = await bodyWithEscapes();
    const bytes = new TextEncoder().encode(body);
    const forms: RawBody[] = [body, Buffer.from(body), bytes, bytes.buffer.slice(0), new DataView(bytes.buffer) as unknown as Uint8Array];
    for (const form of forms) {
      const event = await unwrapWithTestKeys(form, headers);
      expect(event.type === "InboundMessage" && event.body).toBe("Caf\u00e9 at 3pm? \u{1F600}");
    }
  });

  it("re-serialised after parsing, fails with InvalidSignatureError", async () => {
    const { body, headers } = await bodyWithEscapes();
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(JSON.parse(reserialised)).toEqual(JSON.parse(body));
    await expect(unwrapWithTestKeys(reserialised, headers)).rejects.toThrow(InvalidSignatureError);
  });

  it("given as a parsed object, is refused with RawBodyRequiredError explaining why raw bytes are needed", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    const error = await unwrapWithTestKeys(JSON.parse(body) as RawBody, headers).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RawBodyRequiredError);
    const message = String((error as Error).message);
    expect(message).toContain("an already parsed object");
    expect(message).toContain("exact bytes");
    expect(message).toContain('express.raw({ type: "application/json" })');
    expect(message).toContain("request.arrayBuffer()");
  });

  it("missing (undefined), or a number, is refused with RawBodyRequiredError", async () => {
    const { headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    await expect(unwrapWithTestKeys(undefined as unknown as RawBody, headers)).rejects.toThrow(/no body \(undefined\)/);
    await expect(unwrapWithTestKeys(42 as unknown as RawBody, headers)).rejects.toThrow(RawBodyRequiredError);
  });

  it("signed but not a JSON object with a string type, is refused with MalformedPayloadError", async () => {
    const keys = await testKeys();
    for (const body of ["not json", "[1,2]", "null", JSON.stringify({ locationId: "l1", timestamp: new Date().toISOString(), webhookId: "w1" })]) {
      const headers = await signatureHeadersFor(body, { keys });
      await expect(unwrapWithTestKeys(body, headers)).rejects.toThrow(MalformedPayloadError);
    }
    const notUtf8 = new Uint8Array([0x7b, 0xff, 0x7d]);
    await expect(unwrapWithTestKeys(notUtf8, await signatureHeadersFor(notUtf8, { keys }))).rejects.toThrow(/not JSON \(or not UTF-8\)/);
  });
});
