// Checks a tool's arguments against its input schema (JSON Schema 2020-12, as the spec's 3.1
// schemas are) before any call, so an invalid argument is a tool error naming the field instead of
// a request the API refuses.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { JsonSchema } from "./operation-tool.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

// One Ajv and one compiled validator per schema for the process: the schemas are the generated
// constants, shared by every session and every code-mode run.
let ajv: Ajv2020 | undefined;
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** What is wrong with `value` as an instance of `schema`, one line per field; undefined when valid. */
export function checkArguments(schema: JsonSchema, value: unknown): string[] | undefined {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= addFormats(new Ajv2020({ strict: false, allErrors: true, validateSchema: false }));
    compiled.set(schema, (validate = ajv.compile(schema)));
  }
  return validate(value) ? undefined : describeErrors(validate.errors ?? []);
}

/** "body.type: must be equal to one of the allowed values (SMS, Email, ...)", one line per field. */
function describeErrors(errors: ErrorObject[]): string[] {
  const lines = errors
    // A failed oneOf/anyOf also reports each branch; keep the errors that name a field.
    .filter((error) => error.keyword !== "oneOf" && error.keyword !== "anyOf" && error.keyword !== "if")
    .map((error) => {
      const segments = error.instancePath.split("/").slice(1).map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
      const params = error.params as Record<string, unknown>;
      if (error.keyword === "required") segments.push(String(params.missingProperty));
      if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
        segments.push(String(params.additionalProperty ?? params.unevaluatedProperty));
        return `${segments.join(".")}: is not an argument of this tool`;
      }
      const allowed = error.keyword === "enum" ? ` (${(params.allowedValues as unknown[]).map(String).join(", ")})` : "";
      return `${segments.join(".") || "(arguments)"}: ${error.message ?? error.keyword}${allowed}`;
    });
  return [...new Set(lines.length ? lines : errors.map((error) => `${error.instancePath || "(arguments)"}: ${error.message}`))];
}
