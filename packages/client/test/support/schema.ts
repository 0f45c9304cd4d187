// Validates a response body against a component schema of the bundled spec, so a contract test
// fails when the mock (or a future real server) answers with something the spec does not allow.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { components } from "@conversations-api/types";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@conversations-api/types/openapi.json"), "utf8"));

const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ components: spec.components }, "spec");

export function schemaErrors(name: keyof components["schemas"], value: unknown): string[] {
  const validate = ajv.getSchema(`spec#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in the bundled spec`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
