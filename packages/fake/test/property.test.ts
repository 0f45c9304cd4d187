// Property: for every operation of the spec, random valid requests (built from the spec's
// examples, with ids the fake knows or random ones, and random optional parameters) and random
// invalid ones (a required parameter or field dropped, a wrong type, an undeclared content type,
// broken JSON, no token, a Version outside the enum) all get answers the spec documents, with
// bodies that match it, and the events they cause match the spec's webhooks. Valid requests never
// fail validation; invalid ones always do. Seeded.
import { apiVersions } from "@conversations-api/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFake, exampleFixtures, implementedOperations } from "../src/index.js";
import { specOperations, type SpecOperation } from "@test/support";
import { answerViolations, deref, spec, webhookViolations } from "./support/spec-check.js";

const SEED = 20260301;
const RUNS_PER_OPERATION = 16;
const fake = createFake({ fixtures: exampleFixtures, rateLimit: false });
const operations = specOperations(spec);

// Ids of the example fixtures (the spec's example ids among them), so that valid requests find something.
const knownIds = [
  ...new Set(
    [
      ...(exampleFixtures.contacts ?? []),
      ...(exampleFixtures.conversations ?? []),
      ...(exampleFixtures.messages ?? []),
      ...(exampleFixtures.messages ?? []).flatMap((message) => (message.email ? [message.email] : [])),
      ...(exampleFixtures.customSubtypes ?? []),
    ].flatMap((record) => record.id ?? []),
  ),
];
const idArbitrary = fc.oneof(fc.constantFrom(...knownIds), fc.stringMatching(/^[0-9A-Za-z]{20}$/));
const ID_FIELDS = new Set(["conversationId", "contactId", "locationId", "messageId", "id", "emailMessageId"]);

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: any;
  example?: unknown;
  explode?: boolean;
}

const parametersOf = (operation: SpecOperation): Parameter[] =>
  [...(operation.pathItem.parameters ?? []), ...(operation.operation.parameters ?? [])].map(deref).map((p: any) => ({ ...p, schema: deref(p.schema) }));

/** The values of the operation's own Version header (both API versions, or the one it is in). */
const versionsOf = (operation: SpecOperation): string[] => parametersOf(operation).find((p) => p.in === "header" && p.name === "Version")!.schema.enum;

const serialize = (value: unknown) => (Array.isArray(value) ? value.join(",") : String(value));

interface Draft {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: { type: string; value: unknown } | undefined;
}

function bodyExamples(operation: SpecOperation): Array<{ type: string; value: unknown }> {
  const content = deref(operation.operation.requestBody)?.content ?? {};
  return Object.entries<any>(content).flatMap(([type, media]) => {
    const named = Object.values<any>(media.examples ?? {}).map((example) => deref(example).value);
    return [...named, ...(deref(media.schema).examples ?? [])].map((value) => ({ type, value }));
  });
}

/** A valid request for `operation`, with random ids and optional parameters. */
function validDraft(operation: SpecOperation): fc.Arbitrary<Draft> {
  const parameters = parametersOf(operation);
  const bodies = bodyExamples(operation);
  return fc
    .record({
      ids: fc.array(idArbitrary, { minLength: 8, maxLength: 8 }),
      optional: fc.subarray(parameters.filter((p) => !p.required && p.in === "query")),
      version: fc.constantFrom(...versionsOf(operation)),
      body: bodies.length ? fc.constantFrom(...bodies) : fc.constant(undefined),
      replaceBodyIds: fc.boolean(),
    })
    .map(({ ids, optional, version, body, replaceBodyIds }) => {
      const draft: Draft = { path: {}, query: {}, headers: { Authorization: "Bearer property-token", Version: version }, body: undefined };
      let next = 0;
      for (const parameter of parameters) {
        if (parameter.in === "path") draft.path[parameter.name] = ids[next++ % ids.length]!;
        else if (parameter.in === "query" && (parameter.required || optional.includes(parameter))) draft.query[parameter.name] = serialize(parameter.example);
      }
      if (body) {
        const value = structuredClone(body.value) as Record<string, unknown>;
        if (replaceBodyIds && value && typeof value === "object") for (const key of Object.keys(value)) if (ID_FIELDS.has(key)) value[key] = ids[next++ % ids.length];
        draft.body = { type: body.type, value };
      }
      return draft;
    });
}

type Mutation = { name: string; expects: number[]; apply: (draft: Draft) => Draft | undefined };

/** The ways to break a valid request that apply to `operation`. */
function mutations(operation: SpecOperation): Mutation[] {
  const parameters = parametersOf(operation);
  const invalid = [400, 415, 422];
  const list: Mutation[] = [
    { name: "no token", expects: [401], apply: (d) => ({ ...d, headers: { Version: d.headers.Version! } }) },
    { name: "Version outside the enum", expects: invalid, apply: (d) => ({ ...d, headers: { ...d.headers, Version: "1999-01-01" } }) },
  ];
  // An operation of one API version only, called with the other.
  for (const other of apiVersions.filter((version) => !versionsOf(operation).includes(version))) {
    list.push({ name: `Version ${other}, which it is not in`, expects: invalid, apply: (d) => ({ ...d, headers: { ...d.headers, Version: other } }) });
  }
  for (const parameter of parameters.filter((p) => p.required && p.in !== "header")) {
    list.push({
      name: `without ${parameter.in} ${parameter.name}`,
      expects: invalid,
      apply: (d) => {
        const copy = structuredClone(d);
        if (parameter.in === "path") copy.path[parameter.name] = "";
        else delete copy.query[parameter.name];
        return copy;
      },
    });
  }
  for (const parameter of parameters.filter((p) => p.in === "query" && (p.schema.type === "number" || p.schema.enum || p.schema.$ref || p.schema.type === "array"))) {
    list.push({ name: `${parameter.name} of the wrong type`, expects: invalid, apply: (d) => ({ ...d, query: { ...d.query, [parameter.name]: "~not-valid~" } }) });
  }
  if (bodyExamples(operation).length) {
    list.push({ name: "an undeclared content type", expects: invalid, apply: (d) => ({ ...d, body: { type: "text/plain", value: "hello" } }) });
    list.push({ name: "a body that is not JSON", expects: invalid, apply: (d) => (d.body?.type === "application/json" ? { ...d, body: { type: "application/json", value: "{oops" } } : undefined) });
    list.push({
      name: "a body without a required field",
      expects: invalid,
      apply: (d) => {
        const schema = deref(deref(operation.operation.requestBody).content[d.body!.type].schema);
        const field = schema.required?.[0];
        if (!field) return undefined;
        const value = { ...(d.body!.value as Record<string, unknown>) };
        delete value[field];
        return { ...d, body: { ...d.body!, value } };
      },
    });
  }
  return list;
}

function toRequest(operation: SpecOperation, draft: Draft): Request {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(draft.path[name] ?? ""));
  const search = new URLSearchParams(draft.query).toString();
  const headers = new Headers(draft.headers);
  let body: BodyInit | undefined;
  if (draft.body?.type === "multipart/form-data") {
    const form = new FormData();
    for (const [name, value] of Object.entries(draft.body.value as Record<string, unknown>)) for (const item of [value].flat()) form.append(name, String(item));
    form.append("fileAttachment", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "photo.png");
    body = form;
  } else if (draft.body) {
    headers.set("Content-Type", draft.body.type);
    body = typeof draft.body.value === "string" ? draft.body.value : JSON.stringify(draft.body.value);
  }
  return new Request(`http://fake.test${path}${search ? `?${search}` : ""}`, { method: operation.method.toUpperCase(), headers, ...(body !== undefined ? { body } : {}) });
}

describe("random requests to every operation of the spec", () => {
  it("covers every operation, each of which the fake implements", () => {
    expect(operations).toHaveLength(30);
    expect([...implementedOperations].sort()).toEqual(operations.map((operation) => operation.operationId).sort());
  });

  for (const operation of operations) {
    it(`${operation.operationId}: valid requests pass validation, invalid ones fail it, every answer matches the spec`, async () => {
      const broken = mutations(operation);
      const arbitrary = fc.tuple(validDraft(operation), fc.oneof(fc.constant(undefined), fc.constantFrom(...broken)));
      await fc.assert(
        fc.asyncProperty(arbitrary, async ([draft, mutation]) => {
          const mutated = mutation ? mutation.apply(draft) : draft;
          if (!mutated) return;
          // Each request meets the example data afresh (a random DELETE would hide the success answers of later runs).
          fake.reset();
          const request = toRequest(operation, mutated);
          const response = await fake.fetch(request.clone());
          const label = `${operation.operationId} ${mutation?.name ?? "valid"} -> ${response.status} ${response.headers.get("sl-violations") ?? ""}`;
          expect(await answerViolations(request.method, request.url, response), label).toEqual([]);
          for (const event of fake.events) expect(webhookViolations(event.name, event.payload), label).toEqual([]);
          if (!mutation) expect(response.headers.get("sl-violations"), label).toBeNull();
          else expect(mutation.expects, label).toContain(response.status);
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    });
  }
});
