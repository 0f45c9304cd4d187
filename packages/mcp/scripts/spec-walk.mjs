// The bundled spec as the generator reads it: every local `$ref` replaced by what it points at
// (the spec has no cycles: a cycle is an error here), and the operations in the document's order.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const bundledSpecPath = require.resolve("@conversations-api/types/openapi.json");
export const httpMethods = ["get", "put", "post", "delete", "patch"];

export function readSpec() {
  return JSON.parse(readFileSync(bundledSpecPath, "utf8"));
}

/** A copy of `node` with local `$ref`s resolved; sibling keys of a `$ref` (3.1) win over the target's. */
export function dereference(spec, node, trail = []) {
  if (Array.isArray(node)) return node.map((item) => dereference(spec, item, trail));
  if (!node || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    const { $ref, ...siblings } = node;
    if (!$ref.startsWith("#/")) throw new Error(`external $ref ${$ref} in the bundled spec`);
    if (trail.includes($ref)) throw new Error(`cyclic $ref ${[...trail, $ref].join(" > ")}`);
    const target = $ref
      .slice(2)
      .split("/")
      .reduce((at, key) => at?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], spec);
    if (target === undefined) throw new Error(`unresolved $ref ${$ref}`);
    return { ...dereference(spec, target, [...trail, $ref]), ...dereference(spec, siblings, trail) };
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, dereference(spec, value, trail)]));
}

export function specOperations(spec) {
  return Object.entries(spec.paths ?? {}).flatMap(([path, pathItem]) =>
    httpMethods
      .filter((method) => pathItem[method])
      .map((method) => ({
        method,
        path,
        operation: dereference(spec, pathItem[method]),
        parameters: dereference(spec, [...(pathItem.parameters ?? []), ...(pathItem[method].parameters ?? [])]),
      })),
  );
}

/** A JSON Schema as MCP clients take it: OpenAPI's extensions, examples and discriminators left out. */
export function cleanSchema(node) {
  if (Array.isArray(node)) return node.map(cleanSchema);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !key.startsWith("x-") && !["example", "examples", "discriminator", "xml", "externalDocs", "$schema", "$id"].includes(key))
      .map(([key, value]) => [key, key === "properties" ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, cleanSchema(schema)])) : cleanSchema(value)]),
  );
}
