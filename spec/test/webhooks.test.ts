// The webhooks section: one entry per event, each with its payload schema, its signature headers and
// examples that validate; the app events discriminated by a `type` equal to their name; and the
// vendor's documented doc errors accepted rather than copied.
import { errorsAgainst, readDereferencedSpec } from "@test/support";
import { describe, expect, it } from "vitest";

const spec = await readDereferencedSpec();
const appEvents = ["InboundMessage", "OutboundMessage", "ConversationUnreadUpdate", "LCEmailStats"];
const allWebhooks = [...appEvents, "ProviderOutboundMessage"];

function payloadSchema(name: string): any {
  return spec.webhooks[name].post.requestBody.content["application/json"].schema;
}

function validator(name: string) {
  const schema = payloadSchema(name);
  return (payload: unknown) => {
    const errors = errorsAgainst(schema, payload);
    return { valid: errors.length === 0, errors: errors.join("; ") };
  };
}

function example(name: string, exampleName: string): any {
  return structuredClone(spec.webhooks[name].post.requestBody.content["application/json"].examples[exampleName].value);
}

describe("the webhooks section", () => {
  it("has one entry per event of the vendor's conversation webhooks", () => {
    expect(Object.keys(spec.webhooks).sort()).toEqual([...allWebhooks].sort());
  });

  for (const name of allWebhooks) {
    describe(name, () => {
      const operation = spec.webhooks[name].post;

      it("is a POST with a required JSON body whose schema is the component of the same name", () => {
        expect(operation.requestBody.required).toBe(true);
        expect(payloadSchema(name)).toEqual(spec.components.schemas[name]);
      });

      // HighLevel does not sign a provider's Delivery URL requests today: there the header is optional.
      const signed = name !== "ProviderOutboundMessage";
      it(`declares the signature headers: x-ghl-signature ${signed ? "required" : "optional (unsigned today)"}, the legacy x-wh-signature optional`, () => {
        const headers = Object.fromEntries(operation.parameters.filter((p: any) => p.in === "header").map((p: any) => [p.name, p.required]));
        expect(headers).toEqual({ "x-ghl-signature": signed, "x-wh-signature": false });
        expect(operation.security).toEqual([]);
      });

      it("has examples, and every one validates against the payload schema", () => {
        const named = Object.entries<any>(operation.requestBody.content["application/json"].examples ?? {});
        const inSchema = (payloadSchema(name).examples ?? []).map((value: unknown, index: number) => [`schema example ${index}`, { value }]);
        expect(named.length).toBeGreaterThan(0);
        const validate = validator(name);
        for (const [exampleName, { value }] of [...named, ...inSchema]) {
          const { valid, errors } = validate(value);
          expect(valid, `${name} ${exampleName}: ${errors}`).toBe(true);
        }
      });

      it("declares timestamp and webhookId, optional", () => {
        const schema = payloadSchema(name);
        expect(schema.properties.timestamp).toMatchObject({ type: "string", format: "date-time" });
        expect(schema.properties.webhookId).toMatchObject({ type: "string" });
        expect(schema.required).not.toContain("timestamp");
        expect(schema.required).not.toContain("webhookId");
      });
    });
  }

  it("gives each app event a required `type` that is its name, so the events are a discriminated union", () => {
    for (const name of appEvents) {
      const schema = payloadSchema(name);
      expect(schema.required).toContain("type");
      expect(schema.properties.type.const, name).toBe(name);
      for (const exampleValue of Object.values<any>(spec.webhooks[name].post.requestBody.content["application/json"].examples)) {
        expect(exampleValue.value.type).toBe(name);
      }
      const other = appEvents.find((candidate) => candidate !== name);
      expect(validator(name)({ ...example(name, Object.keys(spec.webhooks[name].post.requestBody.content["application/json"].examples)[0] ?? ""), type: other }).valid).toBe(false);
    }
  });
});

describe("the vendor's doc errors are tolerated", () => {
  it("to, cc and bcc of the email forms: a string or an array", () => {
    for (const name of ["InboundMessage", "OutboundMessage"]) {
      const validate = validator(name);
      for (const recipients of ["jane@example.com", ["jane@example.com", "joe@example.com"], []]) {
        const payload = { ...example(name, "email"), to: recipients, cc: recipients, bcc: recipients };
        expect(validate(payload).valid, `${name} ${JSON.stringify(recipients)}`).toBe(true);
      }
      expect(validate({ ...example(name, "email"), to: 42 }).valid).toBe(false);
    }
  });

  it("ProviderOutboundMessage: emailTo a string or an array, and type the schema's literal Email/SMS", () => {
    const validate = validator("ProviderOutboundMessage");
    for (const emailTo of ["jane@example.com", ["jane@example.com"]]) expect(validate({ ...example("ProviderOutboundMessage", "email"), emailTo }).valid).toBe(true);
    expect(validate({ ...example("ProviderOutboundMessage", "sms"), type: "Email/SMS" }).valid).toBe(true);
  });

  it("payloads without timestamp and webhookId, as the conversation examples are", () => {
    for (const name of allWebhooks) {
      const { timestamp: _timestamp, webhookId: _webhookId, ...payload } = example(name, Object.keys(spec.webhooks[name].post.requestBody.content["application/json"].examples)[0] ?? "");
      expect(validator(name)(payload).valid, name).toBe(true);
    }
  });

  it("an OutboundMessage whose direction says inbound, as the vendor's SMS example does", () => {
    expect(validator("OutboundMessage")({ ...example("OutboundMessage", "sms"), direction: "inbound" }).valid).toBe(true);
  });

  it("values and fields the vendor adds later", () => {
    const payload = { ...example("InboundMessage", "sms"), messageType: "RCS", status: "carrier_filtered", direction: "sideways", sentiment: "positive" };
    expect(validator("InboundMessage")(payload).valid).toBe(true);
    const stats = example("LCEmailStats", "opened");
    expect(validator("LCEmailStats")({ ...stats, webhookPayload: { ...stats.webhookPayload, event: "complained" } }).valid).toBe(true);
  });
});

describe("payloads as HighLevel delivers them", () => {
  it("InboundMessage and OutboundMessage declare versionId, appId, messageTypeId, messageTypeString, from, timestamp and messageId", () => {
    for (const name of ["InboundMessage", "OutboundMessage"]) {
      const { properties } = payloadSchema(name);
      expect(properties.versionId, name).toMatchObject({ type: "string" });
      expect(properties.appId, name).toMatchObject({ type: "string" });
      expect(properties.messageTypeId, name).toMatchObject({ type: "integer" });
      expect(properties.messageTypeString.anyOf[0].enum, name).toContain("TYPE_CUSTOM_PROVIDER_SMS");
      for (const field of ["from", "timestamp", "messageId"]) expect(properties[field], `${name}.${field}`).toMatchObject({ type: "string" });
    }
  });

  it("a custom provider's SMS: messageType Custom, with the undocumented fields", () => {
    const delivered = example("InboundMessage", "custom-provider-sms");
    expect(delivered).toMatchObject({ messageType: "Custom", messageTypeString: "TYPE_CUSTOM_PROVIDER_SMS", messageTypeId: 22 });
    expect(validator("InboundMessage")(delivered).valid).toBe(true);
    expect(payloadSchema("InboundMessage").properties.messageType.anyOf[0].enum).toContain("Custom");
    expect(validator("InboundMessage")({ ...delivered, messageTypeId: "22" }).valid).toBe(false);
  });

  it("an email whose to is one address, and cc its first address only", () => {
    const delivered = example("OutboundMessage", "email-as-delivered");
    expect(typeof delivered.to).toBe("string");
    expect(validator("OutboundMessage")(delivered).valid).toBe(true);
  });

  it("ProviderOutboundMessage of type Custom, without timestamp or webhookId", () => {
    const delivered = example("ProviderOutboundMessage", "custom");
    expect(delivered.type).toBe("Custom");
    expect(delivered).not.toHaveProperty("webhookId");
    expect(payloadSchema("ProviderOutboundMessage").properties.type.anyOf[0].enum).toEqual(["SMS", "Email", "Custom"]);
    expect(validator("ProviderOutboundMessage")(delivered).valid).toBe(true);
  });
});
