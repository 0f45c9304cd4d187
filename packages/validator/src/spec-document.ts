// The spec as the validator reads it: the one bundled artifact (@conversations-api/types/openapi.json,
// imported as JSON so that edge runtimes can load it too), its operations, and one API version's
// view of its schemas. Nothing here knows a particular operation or response shape.
import bundled from "@conversations-api/types/openapi.json" with { type: "json" };

/** Any node of the spec. */
export type SpecNode = Record<string, any>;

export const bundledSpec = bundled as SpecNode;

const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;

/** One operation of the spec, as the validator needs it. */
export interface SpecOperation {
  operationId: string;
  /** Upper case: `GET`. */
  method: string;
  /** The path template as the spec writes it: `/conversations/{conversationId}`. */
  path: string;
  /** JSON pointer of the operation object: `/paths/~1conversations~1search/get`. */
  pointer: string;
  /** The operation object. */
  operation: SpecNode;
  /** Its path item (path-level parameters live there). */
  pathItem: SpecNode;
}

export const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (key: string) => key.replace(/~1/g, "/").replace(/~0/g, "~");

/** The node at a JSON pointer (`/components/schemas/X`), or undefined. */
export function nodeAt(document: SpecNode, pointer: string): any {
  if (pointer === "" || pointer === "/") return document;
  return pointer.slice(1).split("/").map(unescapePointer).reduce((at: any, key) => at?.[key], document);
}

/** Follows local `$ref`s from `pointer`; returns the node reached and its own pointer. */
export function resolvePointer(document: SpecNode, pointer: string): { node: any; pointer: string } {
  let at = { node: nodeAt(document, pointer), pointer };
  for (let hops = 0; typeof at.node?.$ref === "string"; hops++) {
    if (hops > 20 || !at.node.$ref.startsWith("#/")) throw new Error(`cannot follow $ref ${at.node.$ref} at ${at.pointer}`);
    const target = at.node.$ref.slice(1);
    at = { node: nodeAt(document, target), pointer: target };
  }
  return at;
}

/** Every operation of a spec document, in the document's order. */
export function listOperations(document: SpecNode): SpecOperation[] {
  return Object.entries<SpecNode>(document.paths ?? {}).flatMap(([path, pathItem]) =>
    METHODS.filter((method) => pathItem[method]).map((method) => ({
      operationId: pathItem[method].operationId as string,
      method: method.toUpperCase(),
      path,
      pointer: `/paths/${escapePointer(path)}/${method}`,
      operation: pathItem[method],
      pathItem,
    })),
  );
}

/**
 * The document one API version sees: every `oneOf`/`anyOf` branch marked `x-api-version` for
 * another version is left out (the spec's rule for a field whose type differs between versions).
 * A copy; the given document is not changed. Without a version, the document as it is.
 */
export function viewOf(document: SpecNode, apiVersion: string | undefined): SpecNode {
  if (apiVersion === undefined) return document;
  const narrow = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(narrow);
    if (!node || typeof node !== "object") return node;
    const copy: SpecNode = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] =
        (key === "oneOf" || key === "anyOf") && Array.isArray(value)
          ? value.filter((branch) => branch?.["x-api-version"] === undefined || branch["x-api-version"] === apiVersion).map(narrow)
          : narrow(value);
    }
    return copy;
  };
  return narrow(document) as SpecNode;
}

/** The values of the `Version` header an operation accepts (its enum), or undefined when it declares none. */
export function acceptedVersions(document: SpecNode, operation: SpecOperation): string[] | undefined {
  const parameters = [...(operation.pathItem.parameters ?? []), ...(operation.operation.parameters ?? [])];
  for (const raw of parameters) {
    const parameter = raw?.$ref ? resolvePointer(document, raw.$ref.slice(1)).node : raw;
    if (parameter?.in !== "header" || String(parameter.name).toLowerCase() !== "version") continue;
    const schema = parameter.schema?.$ref ? resolvePointer(document, parameter.schema.$ref.slice(1)).node : parameter.schema;
    if (Array.isArray(schema?.enum)) return schema.enum.map(String);
    if (schema?.const !== undefined) return [String(schema.const)];
  }
  return undefined;
}
