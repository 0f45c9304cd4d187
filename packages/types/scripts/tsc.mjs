// The TypeScript compilers of this package. TypeScript 7 (native) type-checks and builds every
// package; TypeScript 5 stays only as openapi-typescript's own dependency (it needs the JavaScript
// compiler API that TypeScript 7 does not have), and as the "before" of the loop benchmark.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** TypeScript 7's `tsc` (its package exports no bin path, so it is found beside package.json). */
export const tsc = join(dirname(require.resolve("typescript/package.json")), "bin/tsc");
/** TypeScript 5's `tsc`: the one openapi-typescript resolves. */
export const tsc5 = createRequire(require.resolve("openapi-typescript")).resolve("typescript/bin/tsc");

/**
 * Runs a compiler with `args` in `cwd`; resolves with its exit code and what it printed.
 * @param {string[]} args
 * @param {{ cwd?: string; compiler?: string }} [options]
 * @returns {Promise<{ status: number | null; output: string }>}
 */
export function runTsc(args, { cwd, compiler = tsc } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiler, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (status) => resolve({ status, output }));
  });
}
