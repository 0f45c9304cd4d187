// A Node >= 22 binary for tools that need it (the MCP conformance suite uses fs.globSync): the
// running Node when it is one, else the registry's `node@22` package through this Node's own npx
// (as .ci/run fetches it), or NODE22_PATH.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { runNode } from "@test/support";

export async function node22(): Promise<string> {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  if (process.env.NODE22_PATH) return process.env.NODE22_PATH;
  const npx = join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin", "npx-cli.js");
  if (!existsSync(npx)) throw new Error(`no Node >= 22: set NODE22_PATH (npx-cli.js not found at ${npx})`);
  const result = await runNode([npx, "--yes", "node@22", "-p", "process.execPath"], { timeoutMs: 120_000 });
  const path = result.stdout.trim().split("\n").at(-1) ?? "";
  if (result.status !== 0 || !existsSync(path)) throw new Error(`could not get node@22 from the registry (set NODE22_PATH):\n${result.output}`);
  return path;
}
