// The one spec artifact, as tests read it: the bundled spec that `pnpm generate` writes and
// @conversations-api/types ships (packages/types/openapi.json), and the one list of its operations.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { bundleFromString, createConfig } from "@redocly/openapi-core";

const require = createRequire(import.meta.url);

/** packages/types/openapi.json, resolved as a consumer resolves `@conversations-api/types/openapi.json`. */
export const bundledSpecPath: string = require.resolve("@conversations-api/types/openapi.json");

/** The bundled spec as it is: one document whose `$ref`s point inside it (`#/components/...`). */
export function readBundledSpec(): any {
  return JSON.parse(readFileSync(bundledSpecPath, "utf8"));
}

let dereferenced: Promise<any> | undefined;

/**
 * The bundled spec with every `$ref` replaced by what it points at (Redocly's bundler, in
 * process), for tests that walk schemas and responses as plain data. Shared: do not modify it.
 */
export function readDereferencedSpec(): Promise<any> {
  dereferenced ??= (async () => {
    const { bundle, problems } = await bundleFromString({
      source: readFileSync(bundledSpecPath, "utf8"),
      absoluteRef: bundledSpecPath,
      config: await createConfig({}),
      dereference: true,
    });
    const errors = problems.filter((problem) => problem.severity === "error");
    if (errors.length > 0) throw new Error(`cannot dereference ${bundledSpecPath}: ${errors.map((problem) => problem.message).join("; ")}`);
    return bundle.parsed;
  })();
  return dereferenced;
}

export const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof httpMethods)[number];

export interface SpecOperation {
  method: HttpMethod;
  path: string;
  operationId: string;
  /** The operation object, as it is in the document given. */
  operation: any;
  /** Its path item: path-level parameters live there. */
  pathItem: any;
}

/** Every operation of a spec document (the bundled spec unless told), in the document's order. */
export function specOperations(spec: any = readBundledSpec()): SpecOperation[] {
  return Object.entries<any>(spec.paths ?? {}).flatMap(([path, pathItem]) =>
    httpMethods
      .filter((method) => pathItem[method])
      .map((method) => ({ method, path, operationId: pathItem[method].operationId, operation: pathItem[method], pathItem })),
  );
}
