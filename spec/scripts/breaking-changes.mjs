// The breaking-change gate's logic. A change to the spec that would break clients of the last
// released spec (a removed operation or field, a new required parameter, a narrowed type, ...)
// fails, unless it is declared breaking, that is, released as a new major version: by a major
// `info.version` in the spec, or by a pending changeset giving the versioned packages a `major`
// bump (the next `pnpm version-packages` then writes the major version into the spec). Optic does
// the comparison, once per API version of the released spec: each `Version` value's view of both
// (api-versions.mjs), what a client of that version sees before and after. Optic skips its checks
// when the major version changes, so a declared break does not start it.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { apiVersionsOf, apiVersionView } from "./api-versions.mjs";

const require = createRequire(import.meta.url);

export const specDir = fileURLToPath(new URL("..", import.meta.url));
export const repoDir = fileURLToPath(new URL("../..", import.meta.url));
/** The one spec artifact: the bundle `pnpm generate` writes (packages/types/openapi.json). */
export const bundledSpecPath = require.resolve("@conversations-api/types/openapi.json");
export const releasedSpecPath = join(specDir, "released/openapi.json");

/** The packages whose version is the spec's version (the changesets `fixed` group, and the spec). */
export const versionedPackages = ["@conversations-api/spec", "@conversations-api/types", "@conversations-api/client"];

/** The names of the pending changesets (`dir`/*.md) that give a versioned package a major bump. */
export function pendingMajorChangesets(dir) {
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

/**
 * The version the head spec is released as: its own `info.version`, or, when a major changeset is
 * pending and the spec does not carry the new major yet, the next major after the base's.
 */
export function declaredVersion(baseVersion, headVersion, pendingMajor) {
  const baseMajor = majorOf(baseVersion);
  return pendingMajor.length > 0 && majorOf(headVersion) <= baseMajor ? `${baseMajor + 1}.0.0` : headVersion;
}

/** Whether releasing `version` after `baseVersion` is a new major, which may break clients. */
export function isDeclaredBreaking(baseVersion, version) {
  return majorOf(version) > majorOf(baseVersion);
}

export function majorOf(version) {
  const major = Number.parseInt(String(version).split(".")[0] ?? "", 10);
  if (Number.isNaN(major)) throw new Error(`info.version ${JSON.stringify(version)} is not a semver version`);
  return major;
}

/** Reads a bundled spec; the gate compares bundles, never the multi-file source. */
export function readBundle(path) {
  if (!path.endsWith(".json")) {
    throw new Error(`${path} is not a bundled spec: the gate compares bundles (pnpm generate writes packages/types/openapi.json)`);
  }
  if (!existsSync(path)) {
    throw new Error(path === releasedSpecPath ? `no released spec at ${path}; record one with: node spec/scripts/record-released-spec.mjs` : `no spec at ${path}`);
  }
  return JSON.parse(readFileSync(path, "utf8"));
}

/**
 * Runs the gate: prints its verdict and resolves with the exit code (0 passed, 1 breaking and not
 * declared). Throws when optic gives no verdict.
 */
export async function runGate({ basePath = releasedSpecPath, headPath = bundledSpecPath, changesetsDir = join(repoDir, ".changeset") } = {}) {
  const base = readBundle(basePath);
  const head = readBundle(headPath);
  const pendingMajor = pendingMajorChangesets(changesetsDir);
  const version = declaredVersion(base.info.version, head.info.version, pendingMajor);

  console.log(`breaking-change gate: released spec ${base.info.version}, current spec ${head.info.version}`);
  if (pendingMajor.length > 0) console.log(`  pending major changesets: ${pendingMajor.join(", ")} (declares ${version})`);
  if (isDeclaredBreaking(base.info.version, version)) {
    console.log(`  declared breaking: major ${majorOf(base.info.version)} -> ${majorOf(version)}, so breaking changes are allowed`);
    // Optic skips its checks across a major version anyway: starting it (seconds of CPU per API
    // version) would decide nothing.
    console.log("breaking-change gate: passed (declared breaking; optic not run)");
    return 0;
  }

  // Clients use one API version each, so the released and current descriptions are compared
  // version by version: what a 2021-04-15 client sees before and after. A version that only the
  // current spec has has no released clients, so nothing to break.
  const headVersions = new Set(apiVersionsOf(head));
  const scratch = mkdtempSync(join(tmpdir(), "breaking-change-gate-"));
  try {
    const verdicts = await Promise.all(
      apiVersionsOf(base).map(async (apiVersion) => {
        const baseView = apiVersionView(base, apiVersion);
        const headView = headVersions.has(apiVersion) ? apiVersionView(head, apiVersion) : { ...head, paths: {} };
        // Nothing changed for this version's clients (info aside): no need to start optic.
        if (JSON.stringify({ ...baseView, info: null }) === JSON.stringify({ ...headView, info: null })) {
          return { apiVersion, status: 0, stdout: "  unchanged\n", stderr: "" };
        }
        const baseCopy = join(scratch, `base-${apiVersion}.json`);
        const headCopy = join(scratch, `head-${apiVersion}.json`);
        writeFileSync(baseCopy, JSON.stringify(baseView, null, 2));
        // Optic reads the version from the head spec: give it the declared one.
        writeFileSync(headCopy, JSON.stringify({ ...headView, info: { ...headView.info, version } }, null, 2));
        return { apiVersion, ...(await optic(["diff", baseCopy, headCopy, "--check", "--validation", "loose"], scratch)) };
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
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs optic; resolves with its exit status and output (runs of several versions go side by side). */
function optic(args, cwd) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [require.resolve("@useoptic/optic/build/index.js"), ...args],
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, OPTIC_TELEMETRY_LEVEL: "off", SCARF_ANALYTICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
      },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}
