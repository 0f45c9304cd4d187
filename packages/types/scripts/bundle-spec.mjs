// Bundles the multi-file spec (spec/openapi.yaml and the files it $refs) into one document, in
// process, with Redocly's bundler and the repository's redocly.yaml. The result is the one spec
// artifact, packages/types/openapi.json, that every tool and test reads.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle, loadConfig } from "@redocly/openapi-core";

export const repoDir = fileURLToPath(new URL("../../..", import.meta.url));
/** The root of the hand-written spec, read by path: this package does not depend on the spec package. */
export const defaultSpecPath = resolve(repoDir, "spec/openapi.yaml");
const configPath = resolve(repoDir, "redocly.yaml");

let config;

/**
 * The spec at `specPath` as one JSON-ready document, and the files it was read from (the root and
 * every file it $refs, which `pnpm dev` watches). Throws on a $ref that does not resolve.
 */
export async function bundleSpec(specPath = defaultSpecPath) {
  config ??= await loadConfig({ configPath });
  const { bundle: document, problems, fileDependencies } = await bundle({ ref: resolve(specPath), config });
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) {
    const where = (problem) => problem.location?.[0]?.source?.absoluteRef ?? specPath;
    throw new Error(`cannot bundle ${specPath}:\n${errors.map((problem) => `  ${where(problem)}: ${problem.message}`).join("\n")}`);
  }
  return { spec: document.parsed, files: [resolve(specPath), ...fileDependencies] };
}
