// The fixtures against the spec: every answer of the real shape validates against the response the
// bundled spec documents for its operation and status (the spec describes the wire), every
// documented one against the vendor's schema and not against the wire's, and every operation with
// evidence of its real answers has one.
import { errorsAgainst, errorsAt, readBundledSpec, schemaErrors, type SchemaName } from "@test/support";
import { describe, expect, it } from "vitest";
import { fixtures, type RealityFixture } from "./support/fixtures.js";

const spec = readBundledSpec();
const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** The JSON pointer of the response the spec documents for the fixture's operation and status, following a `$ref`. */
function responsePointer({ method, path, status }: RealityFixture): string | undefined {
  const pointer = `/paths/${escape(path)}/${method.toLowerCase()}/responses/${status}`;
  const response = spec.paths[path][method.toLowerCase()].responses[String(status)];
  return response?.$ref ? response.$ref.slice(1) : response && pointer;
}

const at = (pointer: string) => pointer.split("/").slice(1).map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~")).reduce((node: any, key) => node?.[key], spec);

/** What the operations of `real-api.md` with evidence are: each has at least one fixture of the real shape. */
const operationsWithEvidence = [
  "get-messages",
  "get-message",
  "get-email-by-id",
  "get-conversation",
  "search-conversation",
  "update-conversation",
  "delete-conversation",
  "send-a-new-message",
  "add-an-inbound-message",
  "upload-file-attachments",
  "update-message-status",
  "create-conversation",
];
/** The operations the wire wraps where the vendor documents them flat: each also has a documented fixture. */
const wrappedOperations = ["get-messages", "get-message", "get-email-by-id"];

const all = [...fixtures.values()];

describe("the fixtures", () => {
  it("cover every operation with evidence, and each wrapped one in its documented shape too", () => {
    const real = new Set(all.filter((f) => f.shape === "real").map((f) => f.operation));
    const documented = new Set(all.filter((f) => f.shape === "documented").map((f) => f.operation));
    expect(operationsWithEvidence.filter((operation) => !real.has(operation))).toEqual([]);
    expect(wrappedOperations.filter((operation) => !documented.has(operation))).toEqual([]);
    for (const f of all) expect(f.evidence.length, `${f.name}: what it rests on`).toBeGreaterThan(20);
  });

  for (const f of all.filter((f) => f.shape === "real")) {
    it(`${f.name}: the spec documents ${f.method} ${f.path} ${f.status} as this answer`, () => {
      const pointer = responsePointer(f);
      expect(pointer, `${f.operation} documents no ${f.status}`).toBeDefined();
      const response = at(pointer!);
      if (f.body === undefined) {
        expect(response.content, `${f.name}: an empty body where the spec documents one`).toBeUndefined();
      } else {
        expect(response.content?.["application/json"], `${f.name}: no JSON body documented`).toBeDefined();
        expect(errorsAt(`${pointer}/content/application~1json/schema`, f.body)).toEqual([]);
      }
      // The headers it documents, where the answer carries them (read as the numbers they say they are).
      for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
        const value = f.headers[name.toLowerCase()];
        if (value === undefined) continue;
        const schema = (header.$ref ? at(header.$ref.slice(1)) : header).schema;
        const read = ["integer", "number"].includes(schema?.type) ? Number(value) : value;
        expect(errorsAgainst(schema, read), `${f.name}: header ${name}`).toEqual([]);
      }
    });
  }

  for (const f of all.filter((f) => f.shape === "documented")) {
    it(`${f.name}: the vendor's ${f.validatesAs}, which is not what the wire sends`, () => {
      expect(schemaErrors(f.validatesAs as SchemaName, f.body)).toEqual([]);
      expect(errorsAt(`${responsePointer(f)}/content/application~1json/schema`, f.body)).not.toEqual([]);
    });
  }
});
