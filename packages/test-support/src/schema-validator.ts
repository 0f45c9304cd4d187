// Ajv (JSON Schema 2020-12, the spec's dialect, with formats) set up once on the bundled spec.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { components } from "@conversations-api/types";
import { readBundledSpec } from "./spec.js";

export type SchemaName = keyof components["schemas"];

/** Ajv (2020-12, formats) holding `document`'s components as `spec#/components/...`. */
function ajvFor(document: { components?: unknown }) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ components: document.components }, "spec");
  return ajv;
}

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
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** The same for any schema without `$ref`s (one of the dereferenced spec, or one derived from it). */
export function errorsAgainst(schema: object, value: unknown): string[] {
  const validate = ajv.compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
