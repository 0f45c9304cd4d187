// Ajv (JSON Schema 2020-12, the spec's dialect, with formats) set up once on the bundled spec.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { components } from "@conversations-api/types";
import { readBundledSpec } from "./spec.js";

export type SchemaName = keyof components["schemas"];

const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ components: readBundledSpec().components }, "spec");

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
