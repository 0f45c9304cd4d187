// One validator for the whole repository: the bundled spec's schemas compiled with Ajv (JSON
// Schema 2020-12, the spec's `jsonSchemaDialect`, with formats) on first use, per schema, for one
// API version's view of the spec. Responses (status, headers, body), request parameters and
// bodies, and webhook payloads; every fault comes back as a Violation (violation.ts).
import Ajv2020Module, { type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import {
  acceptedVersions,
  bundledSpec,
  escapePointer,
  listOperations,
  nodeAt,
  resolvePointer,
  viewOf,
  type SpecNode,
  type SpecOperation,
} from "./spec-document.js";
import { jsonPath, jsonType, violationsOf, type Violation, type ViolationLocation } from "./violation.js";

// Both are CommonJS: under Node's ESM interop, what they export is the default export's `default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = ajvFormats.default;

export type ParameterLocation = "path" | "query" | "header";

export interface ValidatorOptions {
  /** The `Version` whose view of the spec is checked (`2021-04-15`, `v3`); default: the whole description. */
  apiVersion?: string;
  /** Another document than the bundled spec (a derived view, a test's); default: `@conversations-api/types/openapi.json`. */
  spec?: object;
}

/** An answer to check: its status, and what it has of headers and body. */
export interface ResponseInput {
  status: number;
  /** Its headers; documented headers are checked, others ignored. */
  headers?: Headers | Record<string, string | undefined>;
  /** The media type (`content-type`); read from `headers` when absent. */
  contentType?: string | null;
  /** The body, parsed already (a JSON value; `undefined` given is an empty body). Without `body` or `text`, the body is not checked. */
  body?: unknown;
  /** Or its text, parsed here when the media type is JSON (an unparsable text is a `json` violation). */
  text?: string;
}

/** One parameter as the spec declares it (path-level and operation-level merged). */
export interface SpecParameter {
  name: string;
  in: ParameterLocation | "cookie";
  required: boolean;
  /** JSON pointer of its schema in the spec (after following `$ref`s to the parameter). */
  schemaPointer: string;
}

export class SpecLookupError extends Error {
  override readonly name = "SpecLookupError";
}

export interface Validator {
  /** The `Version` this validator checks, or undefined for the whole description. */
  readonly apiVersion: string | undefined;
  /** The document checked against (the version's view). */
  readonly spec: SpecNode;
  /** Every operation of the spec, in its order. */
  readonly operations: readonly SpecOperation[];
  operation(operationId: string): SpecOperation | undefined;
  /** The operation a request is for: `("GET", "/conversations/abc")`; literal paths win over templated ones. */
  findOperation(method: string, pathname: string): SpecOperation | undefined;
  /** The `Version` values an operation accepts (undefined: it declares none). */
  acceptedVersions(operationId: string): string[] | undefined;
  /** The parameters an operation declares. */
  parameters(operationId: string): SpecParameter[];
  /** What is wrong with an answer of `operationId`: its status, documented headers, media type and body. [] when it matches. */
  response(operationId: string, input: ResponseInput): Violation[];
  /** Request parameters of one location, coerced in place from text (`"5"` -> 5, `"a"` -> ["a"] for an array; splitting `a,b` is the caller's). */
  requestParameters(operationId: string, location: ParameterLocation, values: Record<string, unknown>): Violation[];
  /** A request body of one media type (no coercion). [] when the operation documents no such body. */
  requestBody(operationId: string, mediaType: string, body: unknown): Violation[];
  /** A webhook payload (the `webhooks:` section): throws SpecLookupError when the spec has no such webhook. */
  webhook(name: string, payload: unknown): Violation[];
  /** Any schema of the spec, by JSON pointer (`/components/schemas/MessageDto`). */
  schema(pointer: string, value: unknown): Violation[];
  /** A schema given as an object (one of the spec dereferenced, or derived from it); compiled once per object. */
  against(schema: object, value: unknown): Violation[];
}

type AjvInstance = InstanceType<typeof Ajv2020>;

function createAjv(document: SpecNode, coerceTypes: false | "array"): AjvInstance {
  // strict: false because the spec carries OpenAPI keywords (example, x-*) beside JSON Schema ones;
  // verbose: each error carries the data it judged, so that a Violation can name its type.
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, coerceTypes, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document, "spec");
  return ajv;
}

const mediaTypeOf = (value: string | null | undefined) => (value ?? "").split(";")[0]!.trim().toLowerCase();

function headerOf(headers: ResponseInput["headers"], name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (headers as Record<string, string | undefined>)[key];
}

/**
 * Why `schema` (one derived from the spec, e.g. an MCP tool's input schema) is not a JSON Schema
 * 2020-12 that compiles: the meta-schema's errors or the compile error; undefined when it is one.
 */
export function schemaProblems(schema: object): string | undefined {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  if (!ajv.validateSchema(schema)) return ajv.errorsText();
  try {
    ajv.compile(schema);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A new validator; `sharedValidator` gives the one of the bundled spec per version. */
export function createValidator(options: ValidatorOptions = {}): Validator {
  const { apiVersion } = options;
  const document = viewOf((options.spec as SpecNode | undefined) ?? bundledSpec, apiVersion);
  const operations = listOperations(document);
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  // Literal paths win over templated ones, as in any router.
  const matchers = [...operations]
    .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))
    .map((operation) => ({
      operation,
      pattern: new RegExp(`^${operation.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }));

  let bodyAjv: AjvInstance | undefined;
  let parameterAjv: AjvInstance | undefined;
  const compiled = new Map<string, ValidateFunction>();
  const adHoc = new WeakMap<object, ValidateFunction>();
  /** The validator of the schema at `pointer`, compiled once. */
  const schemaAt = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (!validate) {
      bodyAjv ??= createAjv(document, false);
      if (nodeAt(document, pointer) === undefined) throw new SpecLookupError(`the spec has no schema at ${pointer}`);
      validate = bodyAjv.getSchema(`spec#${pointer}`) ?? bodyAjv.compile({ $ref: `spec#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
  /** An object schema over named properties, each a pointer into the spec, compiled once with text coercion. */
  const coercingObject = (key: string, properties: Array<{ name: string; pointer: string; required: boolean }>): ValidateFunction => {
    let validate = compiled.get(key);
    if (!validate) {
      parameterAjv ??= createAjv(document, "array");
      validate = parameterAjv.compile({
        type: "object",
        properties: Object.fromEntries(properties.map((property) => [property.name, { $ref: `spec#${property.pointer}` }])),
        required: properties.filter((property) => property.required).map((property) => property.name),
      });
      compiled.set(key, validate);
    }
    return validate;
  };
  const check = (validate: ValidateFunction, value: unknown, location: ViolationLocation, context: { operationId?: string; status?: number }) =>
    validate(value) ? [] : violationsOf(validate.errors ?? [], location, context);

  const requireOperation = (operationId: string) => {
    const operation = byId.get(operationId);
    if (!operation) throw new SpecLookupError(`the spec has no operation ${operationId}`);
    return operation;
  };

  const parametersOf = (operation: SpecOperation): SpecParameter[] => {
    const declared = [
      ...(operation.pathItem.parameters ?? []).map((_: unknown, i: number) => `/paths/${escapePointer(operation.path)}/parameters/${i}`),
      ...(operation.operation.parameters ?? []).map((_: unknown, i: number) => `${operation.pointer}/parameters/${i}`),
    ].map((pointer) => resolvePointer(document, pointer));
    // An operation's parameter overrides a path-level one of the same name and location.
    const byKey = new Map<string, SpecParameter>();
    for (const { node, pointer } of declared) {
      const schema = resolvePointer(document, `${pointer}/schema`);
      byKey.set(`${node.in}:${node.name}`, {
        name: node.name,
        in: node.in,
        required: node.required === true || node.in === "path",
        schemaPointer: schema.pointer,
      });
    }
    return [...byKey.values()];
  };

  function response(operationId: string, input: ResponseInput): Violation[] {
    const { status } = input;
    const operation = byId.get(operationId);
    if (!operation)
      return [{ operationId, status, in: "operation", path: "$", segments: [], kind: "operation", message: `the spec has no operation ${operationId}` }];
    const context = { operationId, status };
    const responses = operation.operation.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, "default"].find((candidate) => responses[candidate] !== undefined);
    if (key === undefined) {
      const documented = Object.keys(responses).join(", ");
      return [{ ...context, in: "status", path: "$", segments: [], kind: "status", message: `status ${status} is not documented (${documented})`, expected: documented, found: String(status) }];
    }
    const documented = resolvePointer(document, `${operation.pointer}/responses/${escapePointer(key)}`);
    const violations: Violation[] = [];

    const headers = Object.entries<SpecNode>(documented.node.headers ?? {});
    if (headers.length > 0) {
      const values: Record<string, string> = {};
      const properties = headers.map(([name, header]) => {
        const value = headerOf(input.headers, name);
        if (value !== undefined) values[name] = value;
        const resolved = resolvePointer(document, `${documented.pointer}/headers/${escapePointer(name)}`);
        return { name, pointer: resolvePointer(document, `${resolved.pointer}/schema`).pointer, required: resolved.node.required === true };
      });
      const validate = coercingObject(`${documented.pointer}#headers`, properties.filter((property) => nodeAt(document, property.pointer) !== undefined));
      violations.push(...check(validate, values, "header", context));
    }

    const content = documented.node.content ?? {};
    const types = Object.keys(content);
    if (types.length === 0) return violations;
    const found = mediaTypeOf(input.contentType ?? headerOf(input.headers, "content-type"));
    const type = types.find((candidate) => mediaTypeOf(candidate) === found) ??
      types.find((candidate) => candidate.endsWith("/*") && found.startsWith(candidate.slice(0, -1))) ??
      types.find((candidate) => candidate === "*/*");
    if (type === undefined) {
      violations.push({ ...context, in: "header", path: "$['content-type']", segments: ["content-type"], kind: "content-type", message: `media type ${found || "(none)"} is not documented (${types.join(", ")})`, expected: types.join(", "), found: found || "missing" });
      return violations;
    }
    if (!/[/+]json$/.test(found)) return violations; // bytes (a recording, a file): their schema says nothing checkable
    if (!("body" in input) && input.text === undefined) return violations; // no body given: status, headers and media type only
    let body = input.body;
    if (body === undefined && input.text !== undefined) {
      try {
        body = JSON.parse(input.text);
      } catch {
        violations.push({ ...context, in: "body", path: "$", segments: [], kind: "json", message: "the body is not JSON", expected: "JSON", found: input.text === "" ? "missing" : "text" });
        return violations;
      }
    }
    const pointer = `${documented.pointer}/content/${escapePointer(type)}/schema`;
    if (nodeAt(document, pointer) === undefined) return violations;
    violations.push(...check(schemaAt(pointer), body, "body", context));
    return violations;
  }

  return {
    apiVersion,
    spec: document,
    operations,
    operation: (operationId) => byId.get(operationId),
    findOperation(method, pathname) {
      const upper = method.toUpperCase();
      return matchers.find((matcher) => matcher.operation.method === upper && matcher.pattern.test(pathname))?.operation;
    },
    acceptedVersions: (operationId) => acceptedVersions(document, requireOperation(operationId)),
    parameters: (operationId) => parametersOf(requireOperation(operationId)),
    response,
    requestParameters(operationId, location, values) {
      const operation = requireOperation(operationId);
      const declared = parametersOf(operation).filter((parameter) => parameter.in === location);
      if (declared.length === 0) return [];
      const validate = coercingObject(
        `${operation.pointer}#${location}`,
        declared.map((parameter) => ({ name: parameter.name, pointer: parameter.schemaPointer, required: parameter.required })),
      );
      return check(validate, values, location, { operationId });
    },
    requestBody(operationId, mediaType, body) {
      const operation = requireOperation(operationId);
      if (!operation.operation.requestBody) return [];
      const requestBody = resolvePointer(document, `${operation.pointer}/requestBody`);
      const pointer = `${requestBody.pointer}/content/${escapePointer(mediaType)}/schema`;
      if (nodeAt(document, pointer) === undefined) return [];
      return check(schemaAt(pointer), body, "body", { operationId });
    },
    webhook(name, payload) {
      const pointer = `/webhooks/${escapePointer(name)}/post/requestBody/content/application~1json/schema`;
      if (nodeAt(document, pointer) === undefined) throw new SpecLookupError(`the spec has no schema for the ${name} webhook`);
      return check(schemaAt(pointer), payload, "body", {});
    },
    schema: (pointer, value) => check(schemaAt(pointer), value, "body", {}),
    against(schema, value) {
      let validate = adHoc.get(schema);
      if (!validate) {
        bodyAjv ??= createAjv(document, false);
        adHoc.set(schema, (validate = bodyAjv.compile(schema)));
      }
      return check(validate, value, "body", {});
    },
  };
}

const shared = new Map<string, Validator>();

/** The validator of the bundled spec for one `Version` (or the whole description), created once per process. */
export function sharedValidator(apiVersion?: string): Validator {
  const key = apiVersion ?? "";
  let validator = shared.get(key);
  if (!validator) shared.set(key, (validator = createValidator(apiVersion === undefined ? {} : { apiVersion })));
  return validator;
}

export { jsonPath, jsonType };
