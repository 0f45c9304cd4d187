// `pnpm dev`: regenerates the types (and the bundled spec) whenever a file of the spec changes.
// Takes the same --spec and --out options as generate.mjs.
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    spec: { type: "string", default: resolve(packageDir, "../../spec/openapi.yaml") },
    out: { type: "string", default: packageDir },
  },
});
const specDir = dirname(values.spec);
const generator = join(packageDir, "scripts/generate.mjs");

let running = false;
let again = false;
let timer;

function generate() {
  if (running) {
    again = true; // a change arrived mid-run: run once more when this one ends
    return;
  }
  running = true;
  const child = spawn(process.execPath, [generator, "--spec", values.spec, "--out", values.out], { stdio: "inherit" });
  child.on("exit", (code) => {
    running = false;
    if (code !== 0) console.error(`generate failed (exit ${code}); fix the spec and save again`);
    if (again) {
      again = false;
      generate();
    }
  });
}

generate();
watch(specDir, { recursive: true }, (_event, file) => {
  if (!file || !/\.ya?ml$/.test(file)) return;
  clearTimeout(timer);
  timer = setTimeout(generate, 100); // editors write a file in several steps
});
console.log(`watching ${specDir} for changes`);
