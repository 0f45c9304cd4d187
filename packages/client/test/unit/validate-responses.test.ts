// validateResponses: a sampled answer is checked against the bundled spec after the caller has it,
// each distinct drift is reported once per process with no token and no value of the body, and the
// call's result is never changed. The answers are built from the spec itself (an operation's own
// example, then one change each), so that the cases follow the spec when it changes.
import { sharedValidator } from "@conversations-api/validator";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createConversationsClient, type Logger } from "../../src/index.js";
import { describeDrift, resetReportedDrifts, validateResponses, type DriftReport } from "../../src/validate/index.js";

const TOKEN = "sk-validate-0123456789";
const validator = sharedValidator("2021-04-15");
const spec = validator.spec as any;

const deref = (node: any): any => {
  while (node?.$ref) node = node.$ref.slice(2).split("/").reduce((at: any, key: string) => at[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  return node;
};

/**
 * A GET operation whose 200 answer is a JSON object with a required field, a string field and a
 * growing enum, with its example: the answer every case starts from (chosen from the spec, so that
 * the cases follow it when it changes).
 */
function pickOperation() {
  for (const operation of validator.operations) {
    if (operation.method !== "GET") continue;
    const media = deref(operation.operation.responses?.["200"])?.content?.["application/json"];
    const schema = deref(media?.schema);
    if (schema?.type !== "object" || !schema.properties) continue;
    const properties = Object.entries<any>(schema.properties).map(([name, property]) => [name, deref(property)] as const);
    const required: string[] = schema.required ?? [];
    // A string field the example has (required or not: a wrong type is drift either way).
    const example0 = Object.values<any>(media.examples ?? {})[0]?.value ?? schema.examples?.[0];
    const stringField = properties.find(([name, property]) => property.type === "string" && !property.format && !property.enum && example0?.[name] !== undefined)?.[0];
    const growing = properties.find(([, property]) => property["x-growing-enum"] === true && property.anyOf?.some((branch: any) => deref(branch).type === "string" || deref(branch).enum?.every((value: unknown) => typeof value === "string")));
    const example = example0;
    if (!stringField || !growing || !example || !required.some((name) => name !== stringField && example[name] !== undefined)) continue;
    if (validator.response(operation.operationId, { status: 200, headers: { "content-type": "application/json" }, body: example }).length) continue;
    const requiredField = required.find((name) => name !== stringField && example[name] !== undefined)!;
    return { operation, schema, example, stringField, requiredField, growingField: growing[0] };
  }
  throw new Error("the spec has no GET operation with a required string field and a growing string enum in its 200 answer");
}

const picked = pickOperation();
const pathTemplate = picked.operation.path;
const pathParams = Object.fromEntries([...pathTemplate.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name, "id-1"]));

function stubClient(answer: () => Response, extra: Partial<Parameters<typeof createConversationsClient>[0]> = {}, sample?: number) {
  const reports: DriftReport[] = [];
  const client = createConversationsClient({
    token: TOKEN,
    baseUrl: "http://127.0.0.1:9",
    fetch: async () => answer(),
    validateResponses: validateResponses({ ...(sample === undefined ? {} : { sample }), onDrift: (report) => void reports.push(report) }),
    ...extra,
  });
  const call = () => client.GET(pathTemplate as never, { params: { path: pathParams, query: { locationId: "loc-1" } } } as never) as Promise<any>;
  return { client, call, reports };
}

const jsonAnswer = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
/** Until the pending checks (a timer after each call, then the validator's import) have run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Every string and number of a JSON value, so that a report can be searched for any of them. */
const valuesOf = (value: unknown): string[] =>
  value && typeof value === "object" ? Object.values(value).flatMap(valuesOf) : typeof value === "string" || typeof value === "number" ? [String(value)] : [];

beforeEach(() => resetReportedDrifts());
afterEach(() => vi.restoreAllMocks());

describe(`validateResponses (on ${picked.operation.operationId}, ${pathTemplate})`, () => {
  it("reports nothing for an answer that matches the spec", async () => {
    const { call, reports } = stubClient(jsonAnswer(picked.example));
    const result = await call();
    expect(result.data).toEqual(picked.example);
    await settle();
    expect(reports).toEqual([]);
  });

  it("a field of the wrong type: reported once, after the caller has the result, which is unchanged", async () => {
    const body = { ...picked.example, [picked.stringField]: 12345 };
    const { call, reports } = stubClient(jsonAnswer(body));
    const result = await call();
    expect(reports).toEqual([]); // the caller has its result before any check ran
    expect(result.data).toEqual(body);
    expect(result.error).toBeUndefined();
    await call();
    await settle();
    expect(reports).toEqual([
      {
        method: "GET",
        path: pathTemplate,
        operationId: picked.operation.operationId,
        apiVersion: "2021-04-15",
        status: 200,
        violation: { in: "body", path: `$.${picked.stringField}`, kind: "type", message: "must be string", expected: "string", found: "integer" },
      },
    ]);
  });

  it("a missing required field: reported with its path", async () => {
    const { [picked.requiredField]: _, ...body } = picked.example;
    const { call, reports } = stubClient(jsonAnswer(body));
    expect((await call()).data).toEqual(body);
    await settle();
    expect(reports.map((report) => report.violation)).toEqual([expect.objectContaining({ path: `$.${picked.requiredField}`, kind: "required", found: "missing" })]);
  });

  it("a value the growing enum does not list yet, and an extra field: drift only where the spec closes them", async () => {
    const body = { ...picked.example, [picked.growingField]: "A_VALUE_ADDED_LATER", fieldAddedByTheVendor: true };
    const { call, reports } = stubClient(jsonAnswer(body));
    expect((await call()).data).toEqual(body);
    await settle();
    // Response enums are open (x-growing-enum): never drift. An extra field is drift only under additionalProperties: false.
    const closed = picked.schema.additionalProperties === false || picked.schema.unevaluatedProperties === false;
    expect(reports.map((report) => report.violation.path)).toEqual(closed ? ["$.fieldAddedByTheVendor"] : []);
  });

  it("an undocumented status: reported as a status drift; the caller still gets its error", async () => {
    const { call, reports } = stubClient(jsonAnswer({ message: "I'm a teapot" }, 418));
    const result = await call();
    expect(result.response.status).toBe(418);
    expect(result.error).toEqual({ message: "I'm a teapot" });
    await settle();
    expect(reports).toMatchObject([{ status: 418, violation: { in: "status", kind: "status", found: "418" } }]);
  });

  it("never holds the token, a header value or a value of the body", async () => {
    const body = { ...picked.example, [picked.stringField]: 98765, [picked.growingField]: { phone: "+15550009999" } };
    const { [picked.requiredField]: _, ...withoutRequired } = body;
    const { call, reports } = stubClient(() => new Response(JSON.stringify(withoutRequired), { status: 200, headers: { "content-type": "application/json", "x-secret-header": "header-value-42" } }));
    await call();
    await settle();
    expect(reports.length).toBeGreaterThanOrEqual(3);
    const text = JSON.stringify(reports) + reports.map(describeDrift).join("\n");
    for (const value of [TOKEN, "header-value-42", "+15550009999", "98765", ...valuesOf(withoutRequired).filter((value) => value.length > 3)]) expect(text).not.toContain(value);
  });

  it("sample: 0 checks nothing; a sample outside 0..1 is a TypeError", async () => {
    const { call, reports } = stubClient(jsonAnswer({ ...picked.example, [picked.stringField]: 1 }), {}, 0);
    await call();
    await settle();
    expect(reports).toEqual([]);
    expect(() => validateResponses({ sample: 1.5 })).toThrow(TypeError);
    expect(() => validateResponses({ sample: Number.NaN })).toThrow(/from 0 to 1/);
  });

  it("sample: a share of the calls is checked", async () => {
    const random = vi.spyOn(Math, "random");
    random.mockReturnValueOnce(0.7).mockReturnValueOnce(0.2);
    const { call, reports } = stubClient(jsonAnswer({ ...picked.example, [picked.stringField]: 1 }), {}, 0.5);
    await call(); // 0.7: not sampled
    await settle();
    expect(reports).toEqual([]);
    await call(); // 0.2: sampled
    await settle();
    expect(reports).toHaveLength(1);
  });

  it("without onDrift: one warn line per drift through the client's logger", async () => {
    const lines: string[] = [];
    const logger = { debug() {}, info() {}, warn: (line: string) => void lines.push(line), error() {} } satisfies Logger;
    const client = createConversationsClient({
      token: TOKEN,
      baseUrl: "http://127.0.0.1:9",
      fetch: async () => jsonAnswer({ ...picked.example, [picked.stringField]: 1 })(),
      logger,
      validateResponses: validateResponses({ sample: 1 }),
    });
    const call = () => client.GET(pathTemplate as never, { params: { path: pathParams, query: { locationId: "loc-1" } } } as never);
    await call();
    await call();
    await settle();
    expect(lines).toEqual([
      `API drift: GET ${pathTemplate} (${picked.operation.operationId}, Version 2021-04-15) answered 200: body $.${picked.stringField} must be string (expected string, found integer)`,
    ]);
  });

  it("a transport failure or an unreadable answer is not checked (the caller has the error)", async () => {
    const { call, reports } = stubClient(() => new Response("<html>oops</html>", { status: 200, headers: { "content-type": "text/html" } }));
    const result = await call();
    expect(result.error).toBeInstanceOf(Error);
    await settle();
    expect(reports).toEqual([]);
  });
});
