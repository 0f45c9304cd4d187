import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { loadSpec } from "./load-spec.js";
import { readSeedDtos, seedDtoNames } from "./seed-dtos.js";

const spec = loadSpec();
const seeds = readSeedDtos();
const ajv = new Ajv2020.default({ strict: false, allErrors: true });

/** Every `description` in a schema and its nested (resolved) schemas. */
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

describe("the seed DTOs", () => {
  it("the seed extract holds exactly the 15 DTOs of the foundation", () => {
    expect(seeds.map((seed) => seed.name)).toEqual([...seedDtoNames]);
  });

  for (const seed of seeds) {
    describe(seed.name, () => {
      const schema = spec.components.schemas[seed.name];

      it("is a component schema of that name", () => {
        expect(schema, `components.schemas.${seed.name}`).toBeDefined();
      });

      it("carries the seed example as an example of its schema", () => {
        expect(schema.examples).toContainEqual(seed.example);
      });

      it("accepts the seed example, with no field the schema does not declare", () => {
        const validate = ajv.compile(closed(schema));
        expect(validate(seed.example), JSON.stringify(validate.errors)).toBe(true);
      });

      // Fields beyond the vendor's (each a documented deviation) are checked in coverage.test.ts.
      it("declares every field of the seed example", () => {
        expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(seed.example as object)));
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
