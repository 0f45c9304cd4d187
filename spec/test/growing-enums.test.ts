// The growing-enum rule: every enum reachable from a response is open (a value the vendor adds later
// still validates and still type-checks), while request enums stay closed.
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { loadSpec } from "./load-spec.js";

const spec = loadSpec();
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
const methods = ["get", "post", "put", "delete"] as const;

/** JSON paths of closed enums (an `enum` or `const` that is not a branch of an open anyOf). */
function closedEnums(node: any, at: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => closedEnums(item, `${at}[${index}]`));
  if (node === null || typeof node !== "object") return [];
  if (node["x-growing-enum"] === true) {
    const branches: any[] = node.anyOf ?? [];
    const catchAll = branches.some((branch) => branch.enum === undefined && branch.const === undefined && !branch.oneOf);
    return catchAll ? [] : [`${at} (x-growing-enum without a catch-all branch)`];
  }
  if (node.enum !== undefined || node.const !== undefined) return [at];
  return Object.entries(node).flatMap(([key, value]) => (key === "examples" ? [] : closedEnums(value, `${at}.${key}`)));
}

function operations() {
  return Object.entries<any>(spec.paths).flatMap(([path, item]) =>
    methods.filter((method) => item[method]).map((method) => ({ name: `${method} ${path}`, operation: item[method] })),
  );
}

describe("response enums are open", () => {
  for (const { name, operation } of operations()) {
    it(`${name}: every enum in its responses accepts a value added later`, () => {
      const found = Object.entries<any>(operation.responses).flatMap(([status, response]) =>
        Object.entries<any>(response.content ?? {}).flatMap(([type, media]) =>
          closedEnums(media.schema, `${status} ${type}`),
        ),
      );
      expect(found).toEqual([]);
    });
  }

  it("a message with a status, type and code the vendor added later validates", () => {
    const validate = ajv.compile(spec.components.schemas.GetMessageResponseDto);
    const message = {
      ...spec.components.schemas.GetMessageResponseDto.examples[0],
      type: 99,
      messageType: "TYPE_HOLOGRAM",
      status: "carrier_filtered",
      direction: "sideways",
    };
    expect(validate(message), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe("request enums stay closed", () => {
  it("a send-message body with an unknown type is invalid", () => {
    const validate = ajv.compile(spec.components.schemas.SendMessageBodyDto);
    expect(validate({ type: "SMS", contactId: "c1" })).toBe(true);
    expect(validate({ type: "Pigeon", contactId: "c1" })).toBe(false);
  });

  it("the search filter lastMessageType is the closed list of 42 names", () => {
    const parameter = spec.paths["/conversations/search"].get.parameters.find((p: any) => p.name === "lastMessageType");
    expect(parameter.schema.enum).toHaveLength(42);
  });
});

describe("webhook payload enums are open", () => {
  for (const [name, item] of Object.entries<any>(spec.webhooks ?? {})) {
    it(`${name}: every enum but the event's own type accepts a value added later`, () => {
      const schema = item.post.requestBody.content["application/json"].schema;
      // An app event's `type` is its name: the discriminator of the union, closed on purpose.
      const { type, ...properties } = schema.properties;
      const typeIsOpen = closedEnums(type, "type").length === 0;
      expect(closedEnums({ ...schema, properties }, name)).toEqual([]);
      expect(typeIsOpen).toBe(name === "ProviderOutboundMessage");
    });
  }
});
