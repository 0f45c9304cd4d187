// The growing-enum rule: every enum reachable from a response is open (a value the vendor adds later
// still validates and still type-checks), while request enums stay closed.
import { errorsAgainst, readDereferencedSpec, specOperations } from "@test/support";
import { describe, expect, it } from "vitest";

const spec = await readDereferencedSpec();

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

describe("response enums are open", () => {
  for (const { method, path, operation } of specOperations(spec)) {
    it(`${method} ${path}: every enum in its responses accepts a value added later`, () => {
      const found = Object.entries<any>(operation.responses).flatMap(([status, response]) =>
        Object.entries<any>(response.content ?? {}).flatMap(([type, media]) =>
          closedEnums(media.schema, `${status} ${type}`),
        ),
      );
      expect(found).toEqual([]);
    });
  }

  it("a message with a status, type and code the vendor added later validates", () => {
    const message = {
      ...spec.components.schemas.GetMessageResponseDto.examples[0],
      type: 99,
      messageType: "TYPE_HOLOGRAM",
      status: "carrier_filtered",
      direction: "sideways",
    };
    expect(errorsAgainst(spec.components.schemas.GetMessageResponseDto, message)).toEqual([]);
  });
});

describe("request enums stay closed", () => {
  it("a send-message body with an unknown type is invalid", () => {
    const body = spec.components.schemas.SendMessageBodyDto;
    expect(errorsAgainst(body, { type: "SMS", contactId: "c1" })).toEqual([]);
    expect(errorsAgainst(body, { type: "Pigeon", contactId: "c1" })).not.toEqual([]);
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
