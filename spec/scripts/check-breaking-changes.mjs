#!/usr/bin/env node
// The breaking-change gate: fails (exit 1) when the spec would break clients of the last released
// spec (a removed operation or field, a new required parameter, a narrowed type, ...), unless the
// change is declared breaking, that is, it is released as a new major version. A change is
// declared breaking either by a major `info.version` in the spec or by a pending changeset that
// gives the versioned packages a `major` bump (the next `pnpm version-packages` then writes the
// major version into the spec); then nothing is compared. Otherwise optic compares the two, once
// per API version in the released spec: each `Version` value's view of both (spec/scripts/api-versions.mjs),
// what a client of that version sees before and after.
//
//   node spec/scripts/check-breaking-changes.mjs [--base spec/released/openapi.json]
//        [--head spec/openapi.yaml] [--changesets .changeset]
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { apiVersionsOf, apiVersionView } from "./api-versions.mjs";
import { bundleSpec, repoDir, specDir } from "./bundle-spec.mjs";

/** The packages whose version is the spec's version (the changesets `fixed` group, and the spec). */
const versionedPackages = ["@conversations-api/spec", "@conversations-api/types", "@conversations-api/client"];

const require = createRequire(import.meta.url);

const { values } = parseArgs({
  options: {
    base: { type: "string", default: resolve(specDir, "released/openapi.json") },
    head: { type: "string", default: resolve(specDir, "openapi.yaml") },
    changesets: { type: "string", default: resolve(repoDir, ".changeset") },
  },
});

const scratch = mkdtempSync(join(tmpdir(), "breaking-change-gate-"));
try {
  process.exitCode = await runGate(scratch);
} catch (error) {
  console.error(`breaking-change gate: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 2;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

async function runGate(scratch) {
  if (!existsSync(values.base)) {
    throw new Error(`no released spec at ${values.base}; record one with: node spec/scripts/record-released-spec.mjs`);
  }
  const base = JSON.parse(readFileSync(values.base, "utf8"));
  const head = readSpec(values.head, scratch);

  const pendingMajor = pendingMajorChangesets(values.changesets);
  const baseMajor = majorOf(base.info.version);
  const headMajor = majorOf(head.info.version);
  // A pending major changeset declares the next major version before `changeset version` writes it.
  const declaredVersion = pendingMajor.length > 0 && headMajor <= baseMajor ? `${baseMajor + 1}.0.0` : head.info.version;
  const declaredMajor = majorOf(declaredVersion);

  console.log(`breaking-change gate: released spec ${base.info.version}, current spec ${head.info.version}`);
  if (pendingMajor.length > 0) console.log(`  pending major changesets: ${pendingMajor.join(", ")} (declares ${declaredVersion})`);
  if (declaredMajor > baseMajor) {
    // Optic would skip its checks on a major change anyway: nothing to compare.
    console.log(`  declared breaking: major ${baseMajor} -> ${declaredMajor}, so breaking changes are allowed`);
    console.log("breaking-change gate: passed, the breaking changes are declared");
    return 0;
  }

  // Clients use one API version each, so the released and current descriptions are compared
  // version by version (spec/scripts/api-versions.mjs): what a 2021-04-15 client sees before and
  // after. A version that only the current spec has has no released clients, so nothing to break.
  const headVersions = new Set(apiVersionsOf(head));
  const verdicts = await Promise.all(
    apiVersionsOf(base).map(async (apiVersion) => {
      const baseView = apiVersionView(base, apiVersion);
      const headView = headVersions.has(apiVersion) ? apiVersionView(head, apiVersion) : { ...head, paths: {} };
      // Nothing changed for this version's clients (info aside): no need to start optic.
      const unchanged = JSON.stringify({ ...baseView, info: null }) === JSON.stringify({ ...headView, info: null });
      if (unchanged) return { apiVersion, status: 0, stdout: "  unchanged\n", stderr: "" };
      const basePath = join(scratch, `base-${apiVersion}.json`);
      const headPath = join(scratch, `head-${apiVersion}.json`);
      writeFileSync(basePath, JSON.stringify(baseView, null, 2));
      writeFileSync(headPath, JSON.stringify(headView, null, 2));
      return { apiVersion, ...(await opticDiff(basePath, headPath, scratch)) };
    }),
  );

  let broken = false;
  for (const { apiVersion, status, stdout, stderr } of verdicts) {
    console.log(`\n== Version ${apiVersion}: the released spec's operations as a ${apiVersion} client sees them`);
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    // A failed check is a verdict whatever its wording (optic's union rules do not say "breaking").
    if (status === 1 && /breaking change|Checks:\s+\d+\/\d+ passed/i.test(stdout)) broken = true;
    else if (status !== 0) throw new Error(`optic exited with ${status} without a verdict for Version ${apiVersion}`);
  }
  if (!broken) {
    console.log("breaking-change gate: passed, no change breaks clients of the released spec");
    return 0;
  }
  console.log(
    "breaking-change gate: FAILED, the changes above break clients of the released spec.\n" +
      "  Make the change additive (optional fields and parameters, new operations), or declare it breaking\n" +
      "  with a major changeset for @conversations-api/types (`pnpm changeset`, choose major).",
  );
  return 1;
}

/** Runs `optic diff --check` on two files; resolves with its exit status and output. */
function opticDiff(basePath, headPath, cwd) {
  const optic = require.resolve("@useoptic/optic/build/index.js");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [optic, "diff", basePath, headPath, "--check", "--validation", "loose"],
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, OPTIC_TELEMETRY_LEVEL: "off", SCARF_ANALYTICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** The spec as one document: a bundled .json as it is, a multi-file .yaml root bundled first. */
function readSpec(path, scratch) {
  if (path.endsWith(".json")) return JSON.parse(readFileSync(path, "utf8"));
  const bundlePath = join(scratch, "head-bundle.json");
  bundleSpec(path, bundlePath);
  return JSON.parse(readFileSync(bundlePath, "utf8"));
}

/** The names of the pending changesets (.changeset/*.md) that give a versioned package a major bump. */
function pendingMajorChangesets(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".md") && name !== "README.md")
    .filter((name) => {
      const frontmatter = readFileSync(join(dir, name), "utf8").match(/^---\r?\n([\s\S]*?)\r?\n---/);
      if (!frontmatter?.[1]) return false;
      return frontmatter[1].split(/\r?\n/).some((line) => {
        const match = line.match(/^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/);
        return match !== null && versionedPackages.includes(match[1].trim()) && match[2] === "major";
      });
    });
}

function majorOf(version) {
  const major = Number.parseInt(String(version).split(".")[0] ?? "", 10);
  if (Number.isNaN(major)) throw new Error(`info.version ${JSON.stringify(version)} is not a semver version`);
  return major;
}
