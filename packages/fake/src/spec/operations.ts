// The one list of operations: read from the bundled spec (`@conversations-api/types/openapi.json`),
// so that an operation added to the spec is routed, validated and answered "not implemented"
// without a change here. Nothing in this file knows a particular operation.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** A JSON Schema (or any node) of the spec. */
export type SpecNode = Record<string, any>;

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;

export interface ParameterSpec {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** The parameter's schema with a top-level `$ref` followed. */
  schema: SpecNode;
  /** JSON pointer of the schema inside the spec, for the validator. */
  schemaPointer: string;
  /** `style: form, explode: false`: an array comes as one comma-separated value. */
  commaSeparated: boolean;
}

export interface MediaSpec {
  schema: SpecNode;
  schemaPointer: string;
  /** Named examples (`examples.<name>.value`), in the order the spec gives them. */
  examples: Record<string, unknown>;
}

export interface ResponseSpec {
  content: Record<string, MediaSpec>;
  headers: Record<string, { schema?: SpecNode; example?: unknown }>;
}

export interface OperationSpec {
  operationId: string;
  method: Uppercase<(typeof HTTP_METHODS)[number]>;
  /** The path as the spec writes it, e.g. `/conversations/{conversationId}`. */
  path: string;
  parameters: ParameterSpec[];
  requestBody: { required: boolean; content: Record<string, MediaSpec> } | undefined;
  /** By status code ("200", "429", ...). */
  responses: Record<string, ResponseSpec>;
  /** Alternatives: one of them must be met (an empty list or `{}` means no auth). */
  security: Array<Record<string, string[]>>;
}

const require = createRequire(import.meta.url);

/** The bundled spec, as published in `@conversations-api/types`. */
export const spec: SpecNode = JSON.parse(readFileSync(require.resolve("@conversations-api/types/openapi.json"), "utf8"));

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const unescape = (key: string) => key.replace(/~1/g, "/").replace(/~0/g, "~");

/** Follows local `$ref`s; returns the node and its JSON pointer. */
export function resolve(node: SpecNode, pointer: string): { node: SpecNode; pointer: string } {
  let at = { node, pointer };
  for (let hops = 0; typeof at.node?.$ref === "string"; hops++) {
    if (hops > 20 || !at.node.$ref.startsWith("#/")) throw new Error(`cannot follow $ref ${at.node.$ref} at ${at.pointer}`);
    const target = at.node.$ref.slice(1);
    at = { node: target.slice(1).split("/").map(unescape).reduce((parent: any, key: string) => parent?.[key], spec), pointer: target };
  }
  return at;
}

function media(content: SpecNode | undefined, pointer: string): Record<string, MediaSpec> {
  const result: Record<string, MediaSpec> = {};
  for (const [type, entry] of Object.entries<SpecNode>(content ?? {})) {
    const schema = resolve(entry.schema ?? {}, `${pointer}/${escape(type)}/schema`);
    const examples: Record<string, unknown> = {};
    for (const [name, example] of Object.entries<SpecNode>(entry.examples ?? {})) examples[name] = resolve(example, "").node.value;
    result[type] = { schema: schema.node, schemaPointer: schema.pointer, examples };
  }
  return result;
}

function readOperation(path: string, method: (typeof HTTP_METHODS)[number], item: SpecNode): OperationSpec {
  const pointer = `/paths/${escape(path)}/${method}`;
  const operation = item[method];
  const declared = [
    ...(item.parameters ?? []).map((p: SpecNode, i: number) => resolve(p, `/paths/${escape(path)}/parameters/${i}`)),
    ...(operation.parameters ?? []).map((p: SpecNode, i: number) => resolve(p, `${pointer}/parameters/${i}`)),
  ];
  // An operation's parameter overrides a path-level one of the same name and location.
  const byKey = new Map<string, ParameterSpec>();
  for (const { node, pointer: at } of declared) {
    const schema = resolve(node.schema ?? {}, `${at}/schema`);
    byKey.set(`${node.in}:${node.name}`, {
      name: node.name,
      in: node.in,
      required: node.required === true || node.in === "path",
      schema: schema.node,
      schemaPointer: schema.pointer,
      commaSeparated: schema.node.type === "array" && (node.style ?? "form") === "form" && node.explode === false,
    });
  }
  const body = operation.requestBody ? resolve(operation.requestBody, `${pointer}/requestBody`) : undefined;
  const responses: Record<string, ResponseSpec> = {};
  for (const [status, raw] of Object.entries<SpecNode>(operation.responses ?? {})) {
    const response = resolve(raw, `${pointer}/responses/${status}`);
    const headers: ResponseSpec["headers"] = {};
    for (const [name, header] of Object.entries<SpecNode>(response.node.headers ?? {})) {
      const resolved = resolve(header, "").node;
      headers[name] = { schema: resolved.schema, example: resolved.example };
    }
    responses[status] = { content: media(response.node.content, `${response.pointer}/content`), headers };
  }
  return {
    operationId: operation.operationId,
    method: method.toUpperCase() as OperationSpec["method"],
    path,
    parameters: [...byKey.values()],
    requestBody: body && { required: body.node.required === true, content: media(body.node.content, `${body.pointer}/content`) },
    responses,
    security: operation.security ?? spec.security ?? [],
  };
}

/** Every operation of the spec, in the spec's order. */
export const operations: readonly OperationSpec[] = Object.entries<SpecNode>(spec.paths ?? {}).flatMap(([path, item]) =>
  HTTP_METHODS.filter((method) => item[method]).map((method) => readOperation(path, method, item)),
);

/** The JSON schema of a response body, when the operation documents `status` with JSON. */
export function jsonResponseSchema(operation: OperationSpec, status: number): SpecNode | undefined {
  return operation.responses[String(status)]?.content["application/json"]?.schema;
}
