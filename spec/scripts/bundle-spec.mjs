// Bundles the multi-file spec into one JSON document with Redocly, the same way
// packages/types bundles it, so that the released spec and the current one compare like for like.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
export const specDir = fileURLToPath(new URL("..", import.meta.url));
export const repoDir = resolve(specDir, "..");

/** Writes the bundle of `specPath` (a YAML root with file $refs) to `outputPath` (.json). */
export function bundleSpec(specPath, outputPath) {
  const redocly = require.resolve("@redocly/cli/bin/cli.js");
  const result = spawnSync(
    process.execPath,
    [redocly, "bundle", specPath, "--config", resolve(repoDir, "redocly.yaml"), "--output", outputPath],
    { encoding: "utf8", cwd: dirname(specPath), env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
  );
  if (result.status !== 0) {
    throw new Error(`redocly bundle ${specPath} failed:\n${result.stdout}\n${result.stderr}`);
  }
}
