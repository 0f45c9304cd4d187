// The tests' schema checks, on the repository's one validator (@conversations-api/validator: Ajv
// 2020-12 with formats over the bundled spec). Each fault reads "<JSON path> <message>".
import type { components } from "@conversations-api/types";
import { createValidator, sharedValidator, type Violation } from "@conversations-api/validator";

export type SchemaName = keyof components["schemas"];

const describeViolations = (violations: Violation[]) => violations.map((violation) => `${violation.path} ${violation.message}`);

/**
 * Whether `value` is valid as the component schema `name` of another document than the bundled
 * spec (a derived view of it, such as one API version's), returning the validation function.
 */
export function componentValidator(document: { components?: unknown }, name: string): (value: unknown) => boolean {
  const validator = createValidator({ spec: document });
  const pointer = `/components/schemas/${name}`;
  validator.schema(pointer, undefined); // throws now when the document has no such schema
  return (value) => validator.schema(pointer, value).length === 0;
}

/** What is wrong with `value` as the component schema `name` ("$.path message" each); [] when valid. */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  return describeViolations(sharedValidator().schema(`/components/schemas/${name}`, value));
}

/**
 * What is wrong with `value` as the schema at a JSON pointer of the bundled spec (a response's
 * `/paths/~1conversations~1search/get/responses/200/content/application~1json/schema`, a webhook's
 * payload, ...); [] when valid.
 */
export function errorsAt(pointer: string, value: unknown): string[] {
  return describeViolations(sharedValidator().schema(pointer, value));
}

/** The same for any schema without `$ref`s (one of the dereferenced spec, or one derived from it). */
export function errorsAgainst(schema: object, value: unknown): string[] {
  return describeViolations(sharedValidator().against(schema, value));
}
