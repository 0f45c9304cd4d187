// Ajv (JSON Schema 2020-12, the spec's dialect, with formats) set up once on the bundled spec.
import Ajv2020, { type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { components } from "@conversations-api/types";
import { readBundledSpec } from "./spec.js";

export type SchemaName = keyof components["schemas"];

/** Ajv (2020-12, formats) holding `document` as `spec`: any schema of it is `spec#<JSON pointer>`. */
function ajvFor(document: object) {
  // strict: false because the spec carries OpenAPI keywords (example, x-*) beside JSON Schema ones.
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document, "spec");
  return ajv;
}

const describeErrors = (errors: ErrorObject[] | null | undefined) => (errors ?? []).map((error) => `${error.instancePath} ${error.message}`);

const ajv = ajvFor(readBundledSpec());

/**
 * Whether `value` is valid as the component schema `name` of another document than the bundled
 * spec (a derived view of it, such as one API version's), returning the validation function.
 */
export function componentValidator(document: { components?: unknown }, name: string): (value: unknown) => boolean {
  const validate = ajvFor(document).getSchema(`spec#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in the document`);
  return (value) => validate(value) as boolean;
}

/** What is wrong with `value` as the component schema `name` ("/path message" each); [] when valid. */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  const validate = ajv.getSchema(`spec#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in the bundled spec`);
  return validate(value) ? [] : describeErrors(validate.errors);
}

/**
 * What is wrong with `value` as the schema at a JSON pointer of the bundled spec (a response's
 * `/paths/~1conversations~1search/get/responses/200/content/application~1json/schema`, a webhook's
 * payload, ...); [] when valid.
 */
export function errorsAt(pointer: string, value: unknown): string[] {
  // getSchema compiles a pointer once and keeps it; compile throws when nothing is there.
  const validate = ajv.getSchema(`spec#${pointer}`) ?? ajv.compile({ $ref: `spec#${pointer}` });
  return validate(value) ? [] : describeErrors(validate.errors);
}

/** The same for any schema without `$ref`s (one of the dereferenced spec, or one derived from it). */
export function errorsAgainst(schema: object, value: unknown): string[] {
  const validate = ajv.compile(schema);
  return validate(value) ? [] : describeErrors(validate.errors);
}
