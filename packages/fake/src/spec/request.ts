// Reads a Request into the typed input of an operation, following the spec's parameter styles,
// and lists every way it departs from the spec.
import type { OperationSpec } from "./operations.js";
import { type Violation, validateBody, validateParameters } from "./validation.js";

export interface OperationInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  /** The parsed JSON body, or the fields of a multipart form (files as their names). */
  body: unknown;
  /** The files of a multipart form, by field name. */
  files: Record<string, File[]>;
}

export type ReadResult =
  | { ok: true; input: OperationInput }
  | { ok: false; violations: Violation[]; unsupportedMediaType: boolean };

export async function readRequest(operation: OperationSpec, request: Request, pathParams: Record<string, string>): Promise<ReadResult> {
  const url = new URL(request.url);
  const input: OperationInput = { path: {}, query: {}, headers: {}, body: undefined, files: {} };
  for (const parameter of operation.parameters) {
    if (parameter.in === "path") {
      // An empty segment is a missing parameter (`/conversations/` for `/conversations/{id}`), as in Prism.
      const value = pathParams[parameter.name];
      if (value) input.path[parameter.name] = value;
    } else if (parameter.in === "query") {
      const values = url.searchParams.getAll(parameter.name);
      if (values.length === 0) continue;
      if (parameter.schema.type === "array") input.query[parameter.name] = parameter.commaSeparated ? values.flatMap((v) => v.split(",")) : values;
      else input.query[parameter.name] = values[0];
    } else if (parameter.in === "header") {
      const value = request.headers.get(parameter.name);
      if (value !== null) input.headers[parameter.name] = value;
    }
  }
  const violations = [
    ...validateParameters(operation, "path", input.path),
    ...validateParameters(operation, "query", input.query),
    ...validateParameters(operation, "header", input.headers),
  ];

  let unsupportedMediaType = false;
  const declared = operation.requestBody;
  if (declared) {
    const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const text = mediaType === "multipart/form-data" ? undefined : await request.text();
    if (!mediaType && !text) {
      if (declared.required) violations.push({ location: ["request"], code: "required", message: "Body parameter is required" });
    } else if (!declared.content[mediaType]) {
      unsupportedMediaType = true;
      violations.push({ location: ["request"], code: "415", message: `Supported content types: ${Object.keys(declared.content).join(", ")}` });
    } else if (mediaType === "multipart/form-data") {
      const form = await readForm(request, declared.content[mediaType]!.schema);
      if (!form) violations.push({ location: ["request", "body"], code: "multipart", message: "Request body is not a valid multipart form" });
      else {
        input.body = form.fields;
        input.files = form.files;
        violations.push(...validateBody(operation, mediaType, form.fields));
      }
    } else if (mediaType.endsWith("json")) {
      try {
        input.body = JSON.parse(text!);
        violations.push(...validateBody(operation, mediaType, input.body));
      } catch {
        violations.push({ location: ["request", "body"], code: "json", message: "Request body is not valid JSON" });
      }
    } else {
      input.body = text;
      violations.push(...validateBody(operation, mediaType, text));
    }
  }
  return violations.length ? { ok: false, violations, unsupportedMediaType } : { ok: true, input };
}

/** A multipart form as an object: arrays where the schema says so, files by name (kept apart). */
async function readForm(request: Request, schema: Record<string, any>) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return undefined;
  }
  const fields: Record<string, unknown> = {};
  const files: Record<string, File[]> = {};
  for (const [name, value] of form) {
    if (typeof value !== "string") {
      (files[name] ??= []).push(value);
      fields[name] ??= value.name;
    } else if (schema.properties?.[name]?.type === "array") {
      ((fields[name] as unknown[] | undefined) ??= []).push(value);
    } else if (name in fields) {
      fields[name] = [fields[name], value].flat();
    } else {
      fields[name] = value;
    }
  }
  return { fields, files };
}
