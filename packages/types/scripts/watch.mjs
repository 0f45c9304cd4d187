// `pnpm dev`: regenerates the types (and the bundled spec) whenever a file under spec/ changes.
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { fileURLToPath } from "node:url";

const specDir = fileURLToPath(new URL("../../../spec/", import.meta.url));
let running = false;
let again = false;
let timer;

function generate() {
  if (running) {
    again = true;
    return;
  }
  running = true;
  const child = spawn("pnpm", ["run", "--silent", "generate"], { stdio: "inherit" });
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
