// `node bench/build-baseline.mjs <git ref>`: builds this package's src as it was at <ref> into
// .scratch-baseline/dist (ignored by git), so that `pnpm bench` measures it beside the current code
// in the same run: the "baseline" row, to see what a change costs. Reads the repository's own
// history (git archive), nothing else.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ref = process.argv[2];
if (!ref) {
  console.error("usage: node bench/build-baseline.mjs <git ref>   (e.g. the commit before your change)");
  process.exit(2);
}
const packageDirectory = fileURLToPath(new URL("..", import.meta.url));
const scratch = fileURLToPath(new URL("../.scratch-baseline/", import.meta.url));
const git = (...args) => execFileSync("git", args, { cwd: packageDirectory, encoding: "utf8" }).trim();

const commit = git("rev-parse", "--short", `${ref}^{commit}`);
const prefix = git("rev-parse", "--show-prefix"); // packages/webhooks/
const root = git("rev-parse", "--show-toplevel");
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
execFileSync("git", ["archive", "--format=tar", "--prefix=src/", "-o", `${scratch}src.tar`, `${commit}:${prefix}src`], { cwd: root });
execFileSync("tar", ["-xf", `${scratch}src.tar`, "-C", scratch]);
rmSync(`${scratch}src.tar`);
writeFileSync(
  `${scratch}tsconfig.json`,
  JSON.stringify({ extends: "@conversations-api/typescript-config/base.json", compilerOptions: { rootDir: "src", outDir: "dist", types: [] }, include: ["src"] }),
);
// TypeScript's package exports no bin path: its directory from package.json, then bin/tsc.
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");
execFileSync(process.execPath, [tsc, "-p", `${scratch}tsconfig.json`], { stdio: "inherit" });
writeFileSync(`${scratch}REF`, `${commit}\n`);
console.log(`baseline ${commit} built in ${scratch}dist`);
