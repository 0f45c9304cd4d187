// The 15 seed DTOs of the vendor (test/fixtures/seed-dtos.ts) are in the spec with the vendor's
// names, fields, field types, descriptions and examples. Their required lists are checked with the
// other vendor schemas in coverage.test.ts.
import { errorsAgainst, readDereferencedSpec } from "@test/support";
import { describe, expect, it } from "vitest";
import { type JsonType, seedDtos } from "./fixtures/seed-dtos.js";

const spec = await readDereferencedSpec();

/** Every `description` in a schema and its nested schemas. */
function descriptionsOf(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(descriptionsOf);
  if (schema === null || typeof schema !== "object") return [];
  return Object.entries(schema).flatMap(([key, value]) =>
    key === "description" && typeof value === "string" ? [value] : descriptionsOf(value),
  );
}

/** Forbids properties the schema does not declare, at every level, to catch renamed fields. */
function closed(schema: any): any {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== "object") return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "examples" ? v : closed(v)]));
  if (copy.type === "object" && copy.properties) copy.additionalProperties = false;
  return copy;
}

/** The JSON types a property schema admits, through `anyOf`/`oneOf` branches and `const`/`enum` values. */
function admittedTypes(property: any): Set<JsonType | "integer" | "null"> {
  const types = new Set<JsonType | "integer" | "null">();
  for (const type of [property.type ?? []].flat()) types.add(type);
  for (const value of [...(property.enum ?? []), ...("const" in property ? [property.const] : [])]) {
    types.add(Array.isArray(value) ? "array" : typeof value === "object" ? "object" : (typeof value as JsonType));
  }
  for (const branch of [...(property.anyOf ?? []), ...(property.oneOf ?? [])]) for (const type of admittedTypes(branch)) types.add(type);
  if (types.has("integer")) types.add("number");
  return types;
}

describe("the seed DTOs", () => {
  it("are the 15 DTOs of the foundation, each with fields and an example", () => {
    expect(seedDtos).toHaveLength(15);
    for (const seed of seedDtos) expect(Object.keys(seed.fields), seed.name).toEqual(Object.keys(seed.example));
  });

  for (const seed of seedDtos) {
    describe(seed.name, () => {
      const schema = spec.components.schemas[seed.name];

      it("is a component schema of that name", () => {
        expect(schema, `components.schemas.${seed.name}`).toBeDefined();
      });

      it("carries the seed example as an example of its schema", () => {
        expect(schema.examples).toContainEqual(seed.example);
      });

      it("accepts the seed example, with no field the schema does not declare", () => {
        expect(errorsAgainst(closed(schema), seed.example)).toEqual([]);
      });

      // Fields beyond the vendor's (each a documented deviation) are checked in coverage.test.ts.
      it("declares every field of the seed", () => {
        expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(seed.fields)));
      });

      it("types every field of the seed as the seed's value is typed", () => {
        for (const [field, type] of Object.entries(seed.fields)) {
          expect([...admittedTypes(schema.properties[field] ?? {})], `${seed.name}.${field}`).toContain(type);
        }
      });

      it("describes each field with the vendor's text", () => {
        const text = descriptionsOf(schema).join("\n");
        for (const description of seed.descriptions) expect(text).toContain(description);
      });

      it("gives every field a type", () => {
        for (const [field, property] of Object.entries<any>(schema.properties)) {
          expect(property.type ?? property.enum ?? property.anyOf ?? property.oneOf, `${seed.name}.${field}`).toBeDefined();
        }
      });
    });
  }
});
