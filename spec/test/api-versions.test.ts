// The two API versions in one description: every operation accepts the Version values of the
// vendor descriptions that have it, and each version's view (spec/scripts/api-versions.mjs, from
// which packages/types generates each version's types and with which the breaking-change gate
// compares) is that vendor description: its operations, its Version, its type of `feedback`.
import { componentValidator, readBundledSpec } from "@test/support";
import { describe, expect, it } from "vitest";
import { apiVersionsOf, apiVersionView, operationVersions } from "../scripts/api-versions.mjs";
import {
  vendorApiVersions,
  vendorOperations,
  vendorSchemas,
  vendorVersionDifferences,
  vendorVersionsOf,
} from "./vendor-reference.js";

const bundle = readBundledSpec();
const snapshot = JSON.stringify(bundle);
const views = Object.fromEntries(vendorApiVersions.map((version) => [version, apiVersionView(bundle, version)]));
const methods = ["get", "put", "post", "delete"] as const;

function operationsOf(document: any): string[] {
  return Object.entries<any>(document.paths).flatMap(([path, item]) =>
    methods.filter((method) => item[method]).map((method) => `${method} ${path}`),
  );
}

describe("the description's API versions", () => {
  it("are the vendor's two, oldest first", () => {
    expect(apiVersionsOf(bundle)).toEqual([...vendorApiVersions]);
  });

  it("lists, for each operation, the Version values of the vendor descriptions that have it", () => {
    const accepted = Object.fromEntries(
      operationVersions(bundle).map(({ method, path, versions }: any) => [`${method} ${path}`, versions]),
    );
    expect(accepted).toEqual(
      Object.fromEntries(vendorOperations.map((op) => [`${op.method} ${op.path}`, [...vendorVersionsOf(op)]])),
    );
  });

  it("accepts 2021-07-28 where both versions are accepted, as the real API does, without making it a version", () => {
    const both = vendorOperations.filter((op) => vendorVersionsOf(op).length === 2);
    for (const op of both) {
      const operation = bundle.paths[op.path][op.method];
      const parameter = operation.parameters
        .map((p: any) => (p.$ref ? bundle.components.parameters[p.$ref.split("/").pop()] : p))
        .find((p: any) => p.name === "Version");
      expect(parameter.schema.enum, `${op.method} ${op.path}`).toContain("2021-07-28");
    }
    expect(apiVersionsOf(bundle)).not.toContain("2021-07-28");
    for (const view of Object.values<any>(views)) expect(JSON.stringify(view.paths)).not.toContain("2021-07-28");
  });

  it("derives the views without changing the bundle", () => {
    expect(JSON.stringify(bundle)).toBe(snapshot);
  });
});

describe.each(vendorApiVersions)("the view of Version %s", (version) => {
  const view = views[version];

  it("has exactly the operations of that vendor description", () => {
    const expected = vendorOperations.filter((op) => vendorVersionsOf(op).includes(version));
    expect(operationsOf(view).sort()).toEqual(expected.map((op) => `${op.method} ${op.path}`).sort());
  });

  it("requires exactly that Version on every operation", () => {
    expect(operationVersions(view).every(({ versions }: any) => versions.length === 1 && versions[0] === version)).toBe(true);
  });

  it("types each field that differs between the versions as that version does", () => {
    for (const { schema, field, types } of vendorVersionDifferences) {
      const property = view.components.schemas[schema].properties[field];
      expect(property).toMatchObject(types[version]);
      expect(property.oneOf).toBeUndefined();
      expect(property["x-api-version"]).toBeUndefined();
    }
  });

  it("has the vendor schemas of that description, and not the other's own", () => {
    const names = Object.keys(view.components.schemas);
    for (const [name, schema] of Object.entries(vendorSchemas)) {
      if (vendorVersionsOf(schema).includes(version)) expect(names, name).toContain(name);
      else expect(names, name).not.toContain(name);
    }
    // Kept although nothing references them (vendor names listed for cross-reference).
    expect(names).toContain("StartAfterNumberSchema");
  });

  it("keeps the Version parameters that accept it, narrowed to it, and drops the others", () => {
    const versionParameters = (document: any) =>
      Object.entries<any>(document.components.parameters).filter(([, parameter]) => parameter.name === "Version");
    const accepting = versionParameters(bundle).filter(([, parameter]) => parameter.schema.enum.includes(version));
    expect(accepting.length).toBeGreaterThan(0);
    expect(versionParameters(view).map(([name]) => name)).toEqual(accepting.map(([name]) => name));
    for (const [, parameter] of versionParameters(view)) expect(parameter.schema.enum).toEqual([version]);
  });
});

describe("the combined description", () => {
  const feedbackOf = (document: any) =>
    componentValidator(document, "UpdateConversationDto");

  it("accepts each version's feedback; each view accepts only its own", () => {
    const combined = feedbackOf(bundle);
    const v2021 = feedbackOf(views["2021-04-15"]);
    const v3 = feedbackOf(views.v3);
    const object = { locationId: "l", feedback: {} };
    const positive = { locationId: "l", feedback: "positive" };
    expect([combined(object), combined(positive), combined({ locationId: "l", feedback: "meh" })]).toEqual([true, true, false]);
    expect([v2021(object), v2021(positive)]).toEqual([true, false]);
    expect([v3(object), v3(positive)]).toEqual([false, true]);
  });
});

describe("apiVersionView on descriptions that break its rules", () => {
  const operation = (versions: string[]) => ({
    parameters: [{ name: "Version", in: "header", required: true, schema: { type: "string", enum: versions } }],
    responses: { "200": { description: "ok" } },
  });

  it("refuses an operation without a Version header, naming it", () => {
    const document = { openapi: "3.1.0", paths: { "/a": { get: { responses: {} } } } };
    expect(() => operationVersions(document)).toThrow("GET /a declares no Version header");
  });

  it("refuses a union with no branch for the version, naming where", () => {
    const document = {
      openapi: "3.1.0",
      paths: { "/a": { get: operation(["v1", "v2"]) } },
      components: { schemas: { A: { oneOf: [{ type: "string", "x-api-version": "v1" }] } } },
    };
    expect(apiVersionView(document, "v1").components.schemas.A).toEqual({ type: "string" });
    expect(() => apiVersionView(document, "v2")).toThrow("#/components/schemas/A/oneOf has no branch for Version v2");
  });

  it("refuses a version that no operation accepts", () => {
    const document = { openapi: "3.1.0", paths: { "/a": { get: operation(["v1"]) } } };
    expect(() => apiVersionView(document, "v9")).toThrow("no operation accepts Version v9");
  });

  it("drops a path whose every operation is of another version, and narrows inline Version headers", () => {
    const document = { openapi: "3.1.0", paths: { "/old": { get: operation(["v1"]) }, "/both": { get: operation(["v1", "v2"]) } } };
    const view = apiVersionView(document, "v2");
    expect(Object.keys(view.paths)).toEqual(["/both"]);
    expect(view.paths["/both"].get.parameters[0].schema.enum).toEqual(["v2"]);
  });
});
