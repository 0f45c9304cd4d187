// `pnpm bench:loop`: how long from saving a spec file to a client that type-checks against it.
// Each round adds a property to a schema (in place, restored at the end, even on Ctrl-C) and times:
//
//   after:  regenerate in this process (what `pnpm dev` does on save; its imports are warm), build
//           the types' declarations and type-check the client with TypeScript 7;
//   before: the previous path: `redocly bundle` and openapi-typescript each in a process of their
//           own (the old generate script), then the same build and check with TypeScript 5.9.
//
// Prints the median of BENCH_ROUNDS rounds (5) of each, taken in turns so both see the same load.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { repoDir } from "../scripts/bundle-spec.mjs";
import { generate, packageDir } from "../scripts/pipeline.mjs";
import { runTsc, tsc5 } from "../scripts/tsc.mjs";

const require = createRequire(import.meta.url);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const clientDir = join(repoDir, "packages/client");
const schemaPath = join(repoDir, "spec/components/schemas/DeleteConversationSuccessfulResponse.yaml");
const generatedFiles = ["openapi.json", "src/openapi.gen.ts", "src/spec-version.gen.ts"].map((file) => join(packageDir, file));
const original = { schema: readFileSync(schemaPath, "utf8"), generated: generatedFiles.map((file) => readFileSync(file, "utf8")) };

let change = 0;
/** Saves the schema with one more property than the spec has, so that the types really change. */
function changeSchema() {
  change += 1;
  const property = `benchLoop${change}`;
  writeFileSync(schemaPath, original.schema.replace("properties:\n", `properties:\n  ${property}:\n    type: string\n    description: Added by pnpm bench:loop.\n`));
  return property;
}

async function expectOk(step, result) {
  if (result.status !== 0) throw new Error(`${step} failed (exit ${result.status}):\n${result.output}`);
}

/** Runs a command; resolves with its exit code and output. */
function spawnRun(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (status) => resolve({ status, output }));
  });
}

/** Builds the types' declarations and type-checks the client with `compiler`; checks the change reached the client. */
async function buildAndCheck(compiler, property, times) {
  let started = performance.now();
  await expectOk("building the types", await runTsc(["-p", "tsconfig.build.json"], { cwd: packageDir, compiler }));
  times.build = performance.now() - started;
  if (!readFileSync(join(packageDir, "dist/openapi.gen.d.ts"), "utf8").includes(`${property}?: string`)) {
    throw new Error(`the built declarations lack ${property}: the change did not get through`);
  }
  started = performance.now();
  await expectOk("type-checking the client", await runTsc(["--noEmit", "-p", "tsconfig.json"], { cwd: clientDir, compiler }));
  times.check = performance.now() - started;
}

async function after() {
  const times = {};
  const started = performance.now();
  const property = changeSchema();
  await generate();
  times.generate = performance.now() - started;
  await buildAndCheck(undefined, property, times);
  times.total = performance.now() - started;
  return times;
}

const bundlePath = join(tmpdir(), `bench-loop-bundle-${process.pid}.json`);
const oldGenerator = `
import { readFileSync, writeFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
const spec = JSON.parse(readFileSync(${JSON.stringify(bundlePath)}, "utf8"));
writeFileSync("src/openapi.gen.ts", astToString(await openapiTS(spec, { defaultNonNullable: true, enum: false })));
`;

async function before() {
  const times = {};
  const started = performance.now();
  const property = changeSchema();
  const redocly = require.resolve("@redocly/cli/bin/cli.js");
  await expectOk("redocly bundle", await spawnRun(process.execPath, [redocly, "bundle", join(repoDir, "spec/openapi.yaml"), "--config", join(repoDir, "redocly.yaml"), "--output", bundlePath], packageDir));
  await expectOk("openapi-typescript", await spawnRun(process.execPath, ["--input-type=module", "-e", oldGenerator], packageDir));
  times.generate = performance.now() - started;
  await buildAndCheck(tsc5, property, times);
  times.total = performance.now() - started;
  return times;
}

async function restore() {
  writeFileSync(schemaPath, original.schema);
  await generate();
  await runTsc(["-p", "tsconfig.build.json"], { cwd: packageDir });
  generatedFiles.forEach((file, index) => {
    if (readFileSync(file, "utf8") !== original.generated[index]) console.error(`warning: ${file} differs from before the benchmark; run pnpm generate`);
  });
}

process.once("SIGINT", () => {
  console.error("interrupted: restoring the spec and the generated files");
  void restore().then(() => process.exit(130));
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

try {
  console.log(`Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  await after(); // warm-up: `pnpm dev` has loaded the bundler and openapi-typescript before the first save
  const results = { before: [], after: [] };
  for (let round = 0; round < rounds; round += 1) {
    // Alternate which path goes first, so that drift in the machine's load hits both alike.
    for (const path of round % 2 === 0 ? ["before", "after"] : ["after", "before"]) {
      results[path].push(await (path === "before" ? before() : after()));
      process.stdout.write(".");
    }
  }
  console.log("\n");
  console.log("| path | generate | build types | check client | save to checked client |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, label] of [["before", "before: 2 processes + TypeScript 5.9"], ["after", "after: in process + TypeScript 7"]]) {
    const column = (key) => seconds(median(results[name].map((times) => times[key])));
    console.log(`| ${label} | ${column("generate")} | ${column("build")} | ${column("check")} | **${column("total")}** |`);
  }
  const ratio = median(results.before.map((times) => times.total)) / median(results.after.map((times) => times.total));
  console.log(`\nafter is ${ratio.toFixed(1)}x faster (median of ${rounds} rounds each); target: at most 3 s`);
} finally {
  await restore();
}
