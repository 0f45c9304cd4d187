// Checks a tool's arguments against its input schema (JSON Schema 2020-12, as the spec's 3.1
// schemas are) before any call, so an invalid argument is a tool error naming the field instead of
// a request the API refuses. The repository's one validator compiles each schema once per process.
import { sharedValidator, type Violation } from "@conversations-api/validator";
import type { JsonSchema } from "./operation-tool.js";

/** What is wrong with `value` as an instance of `schema`, one line per field; undefined when valid. */
export function checkArguments(schema: JsonSchema, value: unknown): string[] | undefined {
  const violations = sharedValidator().against(schema, value);
  return violations.length === 0 ? undefined : [...new Set(violations.map(describeViolation))];
}

/** "body.type: must be one of the allowed values (SMS, Email, ...)", naming the field. */
function describeViolation(violation: Violation): string {
  const field = violation.segments.join(".") || "(arguments)";
  if (violation.kind === "additionalProperties" || violation.kind === "unevaluatedProperties") return `${field}: is not an argument of this tool`;
  const allowed = violation.kind === "enum" && violation.allowed ? ` (${violation.allowed.map(String).join(", ")})` : "";
  return `${field}: ${violation.message}${allowed}`;
}
