// `pnpm dev`: on every save of a spec file, regenerates in this process (no process start per change),
// then rebuilds this package's declarations with TypeScript 7 so that the packages importing the
// types (the client's `tsc --watch`, started by the same `pnpm dev`) type-check against them at once.
// The spec is linted beside that, never in front of it: a lint finding is printed, not waited for.
//
//   node scripts/watch.mjs [--spec path/to/openapi.yaml] [--out dir]   (as generate.mjs)
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { defaultSpecPath, repoDir } from "./bundle-spec.mjs";
import { generate, packageDir } from "./pipeline.mjs";
import { runTsc } from "./tsc.mjs";

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { spec: { type: "string" }, out: { type: "string" } } });
const specPath = resolve(values.spec ?? defaultSpecPath);
const outDir = resolve(values.out ?? packageDir);
// Generating into another directory (tests do) has no declarations of this package to rebuild.
const buildsDeclarations = outDir === resolve(packageDir);

let running = false;
let again = false;
let timer;

async function regenerate() {
  if (running) {
    again = true; // a change arrived mid-run: run once more when this one ends
    return;
  }
  running = true;
  const started = performance.now();
  lintBeside();
  try {
    const { changed, sources } = await generate({ specPath, outDir });
    const generated = performance.now();
    watchFolders(sources);
    if (changed.length > 0 && buildsDeclarations) await buildDeclarations();
    console.log(
      changed.length === 0
        ? `spec saved, nothing to regenerate (${ms(generated - started)})`
        : `regenerated ${changed.join(", ")} in ${ms(generated - started)}` +
            (buildsDeclarations ? `, declarations built in ${ms(performance.now() - generated)}` : ""),
    );
  } catch (error) {
    console.error(`generate failed: ${error instanceof Error ? error.message : error}\nfix the spec and save again`);
  } finally {
    running = false;
    if (again) {
      again = false;
      void regenerate();
    }
  }
}

/** `tsc -p tsconfig.build.json` with TypeScript 7: the dist/*.d.ts files that dependents read. */
async function buildDeclarations() {
  const { status, output } = await runTsc(["-p", "tsconfig.build.json"], { cwd: packageDir });
  if (status !== 0) console.error(`building the declarations failed (tsc exit ${status})\n${output}`);
}

let linting;

/** `redocly lint` in a process of its own, beside the generation; prints what it finds. */
function lintBeside() {
  linting?.kill();
  const redocly = require.resolve("@redocly/cli/bin/cli.js");
  const child = spawn(process.execPath, [redocly, "lint", "--config", resolve(repoDir, "redocly.yaml"), "--format=summary", specPath], {
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  linting = child;
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  child.once("exit", (code, signal) => {
    if (linting === child) linting = undefined;
    if (signal) return; // superseded by a newer save
    if (code === 0) console.log("lint: no problems");
    else console.error(`lint: problems found (run \`pnpm lint\` for details)\n${output.trim()}`);
  });
}

const ms = (value) => `${Math.round(value)} ms`;

const watchers = new Map();

/**
 * Watches the folders of the files the spec was read from (the root and every file it $refs),
 * each on its own: a recursive watch of spec/ would walk its node_modules too. A folder that a
 * new $ref brings in is watched from the next generation on.
 */
function watchFolders(files) {
  for (const folder of new Set(files.map((file) => dirname(file)))) {
    if (watchers.has(folder)) continue;
    watchers.set(
      folder,
      watch(folder, (_event, file) => {
        if (!file || !/\.ya?ml$/.test(file)) return;
        clearTimeout(timer);
        timer = setTimeout(regenerate, 50); // editors write a file in several steps
      }),
    );
  }
}

watchFolders([specPath]);
void regenerate();
console.log(`watching the files of ${specPath} for changes`);
