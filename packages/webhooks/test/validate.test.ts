// `validate: true`: the payload against the spec's schema of its webhook, from the one bundled spec
// artifact. Every example of the spec passes; the vendor's documented doc errors pass; a wrong field
// fails with an error that names it. Without `validate`, no schema is applied.
import { describe, expect, it } from "vitest";
import { MemoryReplayStore, PayloadValidationError, type WebhookName } from "../src/index.js";
import { exampleEvent, exampleNames } from "../src/testing/index.js";
import { deliveryOf, unwrapWithTestKeys } from "./support/deliveries.js";

const webhookNames: WebhookName[] = ["InboundMessage", "OutboundMessage", "ConversationUnreadUpdate", "LCEmailStats", "ProviderOutboundMessage"];
const endpointOf = (name: WebhookName) => (name === "ProviderOutboundMessage" ? "provider" : "app") as "app";

async function unwrapValidated(name: WebhookName, payload: object) {
  const { body, headers } = await deliveryOf(payload);
  return unwrapWithTestKeys(body, headers, { validate: true, endpoint: endpointOf(name) });
}

async function validationError(name: WebhookName, payload: object): Promise<PayloadValidationError> {
  const error = await unwrapValidated(name, payload).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(PayloadValidationError);
  return error as PayloadValidationError;
}

describe("every example of every webhook in the spec", () => {
  for (const name of webhookNames) {
    it(`${name}: its examples (${exampleNames(name).join(", ")}) pass validation when delivered`, async () => {
      expect(exampleNames(name).length).toBeGreaterThan(0);
      for (const example of exampleNames(name)) {
        await expect(unwrapValidated(name, exampleEvent(name, example)), `${name} ${example}`).resolves.toBeDefined();
      }
    });
  }
});

describe("payloads as HighLevel delivers them (vendor docs issues #224, #255, #260, #55)", () => {
  it("an InboundMessage of a custom provider: messageType Custom, versionId, appId, messageTypeId, messageTypeString, from", async () => {
    const event = await unwrapValidated("InboundMessage", exampleEvent("InboundMessage", "custom-provider-sms"));
    expect(event).toMatchObject({ messageType: "Custom", messageTypeString: "TYPE_CUSTOM_PROVIDER_SMS", messageTypeId: 22, appId: expect.any(String), versionId: expect.any(String) });
    const wrong = await validationError("InboundMessage", { ...exampleEvent("InboundMessage", "custom-provider-sms"), messageTypeId: "22" });
    expect(wrong.field).toBe("messageTypeId");
  });

  it("an email whose to is one address in a string", async () => {
    await expect(unwrapValidated("OutboundMessage", exampleEvent("OutboundMessage", "email-as-delivered"))).resolves.toMatchObject({ to: "jane@example.com" });
  });

  it("a ProviderOutboundMessage of type Custom", async () => {
    await expect(unwrapValidated("ProviderOutboundMessage", exampleEvent("ProviderOutboundMessage", "custom"))).resolves.toMatchObject({ type: "Custom" });
  });
});

describe("the vendor's documented doc errors", () => {
  it("to, cc and bcc as strings or as arrays", async () => {
    for (const to of ["jane@example.com", ["jane@example.com", "joe@example.com"]]) {
      await expect(unwrapValidated("InboundMessage", { ...exampleEvent("InboundMessage", "email"), to, cc: to, bcc: to })).resolves.toBeDefined();
    }
  });

  it("ProviderOutboundMessage's emailTo as an array or a string, and its type as the schema's literal Email/SMS", async () => {
    for (const emailTo of [["jane@example.com"], "jane@example.com"]) {
      await expect(unwrapValidated("ProviderOutboundMessage", { ...exampleEvent("ProviderOutboundMessage", "email"), emailTo })).resolves.toBeDefined();
    }
    await expect(unwrapValidated("ProviderOutboundMessage", { ...exampleEvent("ProviderOutboundMessage", "sms"), type: "Email/SMS" })).resolves.toBeDefined();
  });

  it("an OutboundMessage whose direction says inbound, and channels, statuses and sources added later", async () => {
    const payload = { ...exampleEvent("OutboundMessage", "sms"), direction: "inbound", messageType: "RCS", status: "carrier_filtered", source: "ai_agent" };
    await expect(unwrapValidated("OutboundMessage", payload)).resolves.toBeDefined();
  });

  it("fields the spec does not know yet", async () => {
    await expect(unwrapValidated("ConversationUnreadUpdate", { ...exampleEvent("ConversationUnreadUpdate"), pinned: true })).resolves.toBeDefined();
  });
});

describe("a payload that does not match its schema", () => {
  it("fails with PayloadValidationError naming a wrong field", async () => {
    const error = await validationError("ConversationUnreadUpdate", { ...exampleEvent("ConversationUnreadUpdate"), unreadCount: "three" });
    expect(error.field).toBe("unreadCount");
    expect(error.message).toBe("ConversationUnreadUpdate payload does not match the spec: unreadCount must be number");
  });

  it("names a missing required field", async () => {
    const { contactId: _contactId, ...payload } = exampleEvent("InboundMessage", "sms");
    const error = await validationError("InboundMessage", payload);
    expect(error).toMatchObject({ field: "contactId", problems: [{ field: "contactId", message: "is required" }] });
  });

  it("names a field that is neither of its alternatives, nested fields and array items by their path", async () => {
    expect((await validationError("InboundMessage", { ...exampleEvent("InboundMessage", "email"), to: 5 })).problems).toEqual([
      { field: "to", message: "must be string or array" },
    ]);
    const stats = exampleEvent("LCEmailStats");
    const nested = { ...stats, webhookPayload: { ...stats.webhookPayload, "delivery-status": { code: "ok" } } };
    expect((await validationError("LCEmailStats", nested)).field).toBe("webhookPayload.delivery-status.code");
    expect((await validationError("InboundMessage", { ...exampleEvent("InboundMessage", "sms"), attachments: [7] })).field).toBe("attachments[0]");
  });

  it("does not use up its webhookId", async () => {
    const replayStore = new MemoryReplayStore();
    const { body, headers } = await deliveryOf({ ...exampleEvent("ConversationUnreadUpdate"), unreadCount: "three" });
    await expect(unwrapWithTestKeys(body, headers, { validate: true, replayStore })).rejects.toThrow(PayloadValidationError);
    expect(replayStore.size).toBe(0);
  });

  it("passes when validation is not asked for: verification alone applies no schema", async () => {
    const { body, headers } = await deliveryOf({ ...exampleEvent("ConversationUnreadUpdate"), unreadCount: "three" });
    await expect(unwrapWithTestKeys(body, headers)).resolves.toMatchObject({ unreadCount: "three" });
  });
});
