// Coverage of the vendor's API: every operation (path, method, operationId) and every schema name
// with its field names, so that users can cross-reference the vendor's documentation.
import { readFileSync } from "node:fs";
import { readDereferencedSpec, specOperations } from "@test/support";
import { describe, expect, it } from "vitest";
import { vendorOperations, vendorSchemas, vendorVersionsOf } from "./vendor-reference.js";

const spec = await readDereferencedSpec();
const operations = specOperations(spec);
const deviationsText = readFileSync(new URL("../DEVIATIONS.md", import.meta.url), "utf8");

/**
 * Fields this spec adds to a vendor schema, each with the deviation that explains it. A field whose
 * own schema names a deviation (`traceId`, `TraceId.yaml`; the search item's undocumented fields) is
 * explained where it is declared, and needs no entry here.
 */
const addedFields: Record<string, { fields: string[]; deviation: string }> = {
  UploadFilesDto: { fields: ["fileAttachment"], deviation: "upload-file-field" },
  ConversationSchema: { fields: ["sort", "lastMessageDate"], deviation: "search-item-on-the-wire" },
  GetConversationByIdResponse: { fields: ["lastMessageType", "lastMessageDate"], deviation: "conversation-by-id-on-the-wire" },
  MessageMeta: { fields: ["call"], deviation: "call-meta" },
};

/** Vendor-required fields this spec makes optional, each with the deviation that explains it. */
const relaxedRequired: Record<string, { fields: string[]; deviation: string }> = {
  SendMessageBodyDto: { fields: ["subType", "status"], deviation: "send-message-required-fields" },
  UploadFilesDto: { fields: ["attachmentUrls"], deviation: "upload-file-field" },
  // Absent from real answers (spec/DEVIATIONS.md, "The wire").
  ConversationSchema: { fields: ["lastMessageBody", "email", "phone"], deviation: "search-item-on-the-wire" },
  GetConversationByIdResponse: { fields: ["inbox", "unreadCount"], deviation: "conversation-by-id-on-the-wire" },
  GetMessageResponseDto: { fields: ["contentType"], deviation: "activity-messages" },
  SendMessageResponseDto: { fields: ["status"], deviation: "send-message-status-absent" },
};

function deviationsOf(node: any): string[] {
  const value = node?.["x-vendor-deviation"];
  return value === undefined ? [] : [value].flat();
}

describe("operations", () => {
  it("has exactly the vendor's 30 operations (29 of Version 2021-04-15, one new in v3)", () => {
    expect(vendorOperations).toHaveLength(30);
    expect(operations.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
      vendorOperations.map(({ method, path }) => `${method} ${path}`).sort(),
    );
  });

  it("gives every request body a schema and an example", () => {
    for (const { method, path, operation } of operations) {
      for (const [type, media] of Object.entries<any>(operation.requestBody?.content ?? {})) {
        expect(media.schema, `${method} ${path} ${type}`).toBeDefined();
        const examples = Object.keys(media.examples ?? {}).length + (media.schema.examples?.length ?? 0);
        expect(examples, `${method} ${path} ${type} examples`).toBeGreaterThan(0);
      }
    }
  });

  for (const vendor of vendorOperations) {
    describe(`${vendor.method.toUpperCase()} ${vendor.path}`, () => {
      const found = operations.find((op) => op.method === vendor.method && op.path === vendor.path);
      const operation = found?.operation;
      const parameters: any[] = [...(spec.paths[vendor.path]?.parameters ?? []), ...(operation?.parameters ?? [])];

      it(`has the vendor's operationId ${vendor.operationId}`, () => {
        expect(operation?.operationId).toBe(vendor.operationId);
      });

      it("declares every path parameter of its path", () => {
        const inPath = [...vendor.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        const declared = parameters.filter((p) => p.in === "path").map((p) => p.name);
        expect(declared.sort()).toEqual(inPath.sort());
      });

      it(`requires the Version header, accepting ${vendorVersionsOf(vendor).join(" and ")}, and a bearer token`, () => {
        const version = parameters.find((p) => p.in === "header" && p.name === "Version");
        expect(version?.required).toBe(true);
        const alsoAccepted: string[] = version?.schema["x-also-accepted"] ?? [];
        expect(version?.schema.enum.filter((value: string) => !alsoAccepted.includes(value))).toEqual(vendorVersionsOf(vendor));
        expect(operation?.security?.length).toBeGreaterThan(0);
      });

      it("documents 400, 401 and a 429 with Retry-After and the X-RateLimit-* headers (Daily-Reset among them)", () => {
        expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(["400", "401", "429"]));
        expect(Object.keys(operation?.responses["429"].headers).sort()).toEqual(
          [
            "Retry-After",
            "X-RateLimit-Daily-Remaining",
            "X-RateLimit-Daily-Reset",
            "X-RateLimit-Interval-Milliseconds",
            "X-RateLimit-Limit-Daily",
            "X-RateLimit-Max",
            "X-RateLimit-Remaining",
          ].sort(),
        );
      });

      it("gives every response with content a schema and an example", () => {
        for (const [status, response] of Object.entries<any>(operation?.responses ?? {})) {
          for (const [type, media] of Object.entries<any>(response.content ?? {})) {
            expect(media.schema, `${status} ${type} schema`).toBeDefined();
            expect(Object.keys(media.examples ?? {}), `${status} ${type} examples`).not.toHaveLength(0);
          }
          for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
            expect(header.schema, `${status} header ${name}`).toBeDefined();
          }
        }
      });
    });
  }
});

describe("schemas", () => {
  it("gives every component schema, additions included, at least one example", () => {
    const without = Object.entries<any>(spec.components.schemas)
      .filter(([, schema]) => !(schema.examples?.length > 0))
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it("lists its additions (schemas that are not the vendor's) in DEVIATIONS.md", () => {
    const additions = Object.keys(spec.components.schemas).filter((name) => !(name in vendorSchemas));
    expect(additions.length).toBeGreaterThan(0);
    for (const name of additions) expect(deviationsText).toContain(`\`${name}\``);
  });

  it("has all 51 vendor schema names (47 of Version 2021-04-15, 4 new in v3)", () => {
    expect(Object.keys(vendorSchemas)).toHaveLength(51);
    expect(Object.keys(spec.components.schemas)).toEqual(expect.arrayContaining(Object.keys(vendorSchemas)));
  });

  for (const [name, vendor] of Object.entries(vendorSchemas)) {
    describe(name, () => {
      const schema = spec.components.schemas[name];

      it("has the vendor's field names, and no other unless a deviation adds it", () => {
        const added = addedFields[name];
        if (added) expect(deviationsOf(schema)).toContain(added.deviation);
        const markedWhereDeclared = Object.entries<any>(schema.properties)
          .filter(([field, property]) => !vendor.fields.includes(field) && deviationsOf(property).length > 0)
          .map(([field]) => field);
        const expected = new Set([...vendor.fields, ...(added?.fields ?? []), ...markedWhereDeclared]);
        expect(Object.keys(schema.properties).sort()).toEqual([...expected].sort());
      });

      it("requires what the vendor requires, unless a deviation relaxes it", () => {
        const relaxed = relaxedRequired[name];
        if (relaxed) expect(deviationsOf(schema)).toContain(relaxed.deviation);
        const expected = vendor.required.filter((field) => !relaxed?.fields.includes(field));
        expect([...(schema.required ?? [])].sort()).toEqual([...expected].sort());
      });

      it("has at least one example", () => {
        expect(schema.examples?.length).toBeGreaterThan(0);
      });
    });
  }
});
