// The release flow on a scratch copy of the repository: a changeset, `changeset version`, the
// spec version sync and the regeneration, as `pnpm version-packages` runs them. And the check
// that the repository's versions agree, which CI runs on the real files.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectSuccess, runNode } from "@test/support";
import { afterAll, describe, expect, inject, it } from "vitest";
import { repoDir } from "./support/repository.js";

const require = createRequire(`${repoDir}package.json`);
const changesetCli = require.resolve("@changesets/cli/bin.js");
const syncVersion = `${repoDir}spec/scripts/sync-version.mjs`;
const generateTypes = `${repoDir}packages/types/scripts/generate.mjs`;

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of what the release flow reads and writes: the manifests, the changeset config, the spec, the generated types. */
function copyRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), "release-flow-"));
  scratchDirs.push(copy);
  for (const file of ["package.json", "pnpm-workspace.yaml", "redocly.yaml", ".changeset/config.json"]) {
    cpSync(join(repoDir, file), join(copy, file));
  }
  cpSync(join(repoDir, "spec"), join(copy, "spec"), { recursive: true, filter: (path) => !/node_modules|report\.json/.test(path) });
  for (const folder of ["packages", "apps"]) {
    for (const name of readdirSync(join(repoDir, folder))) {
      if (!existsSync(join(repoDir, folder, name, "package.json"))) continue;
      mkdirSync(join(copy, folder, name), { recursive: true });
      cpSync(join(repoDir, folder, name, "package.json"), join(copy, folder, name, "package.json"));
    }
  }
  cpSync(join(repoDir, "packages/types/src"), join(copy, "packages/types/src"), { recursive: true });
  cpSync(join(repoDir, "packages/types/openapi.json"), join(copy, "packages/types/openapi.json"));
  return copy;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

function bump(version: string, kind: "minor" | "major"): string {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return kind === "major" ? `${major + 1}.0.0` : `${major}.${minor + 1}.0`;
}

/** `pnpm version-packages` on the copy (its turbo step is the types package's generate script). */
async function versionPackages(copy: string) {
  expectSuccess(await runNode([changesetCli, "version"], { cwd: copy }));
  expectSuccess(await runNode([syncVersion, "--root", copy], { cwd: copy }));
  expectSuccess(await runNode([generateTypes, "--spec", join(copy, "spec/openapi.yaml"), "--out", join(copy, "packages/types")], { cwd: copy }));
}

describe("the repository's versions", () => {
  it("agree: the spec's info.version, spec/package.json, types, client, and the generated specVersion", async () => {
    const result = await runNode([syncVersion, "--check"], { cwd: repoDir });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain("versions agree");
  });
});

describe("the version check", () => {
  it("fails, naming what disagrees, when a package's version differs from the spec's", async () => {
    const copy = copyRepository();
    const manifestPath = join(copy, "packages/client/package.json");
    writeFileSync(manifestPath, JSON.stringify({ ...readJson(manifestPath), version: "9.9.9" }, null, 2));
    const result = await runNode([syncVersion, "--root", copy, "--check"], { cwd: copy });
    expect(result.status).toBe(1);
    expect(result.output).toContain("packages/client/package.json version is 9.9.9");
  });
});

describe("pnpm version-packages, on a copy of the repository", () => {
  it("bumps types and client together from one changeset, writes both CHANGELOGs, and the spec follows", async () => {
    const copy = copyRepository();
    const before = readJson(join(copy, "packages/types/package.json")).version;
    writeFileSync(join(copy, ".changeset/starred-filter.md"), '---\n"@conversations-api/types": minor\n---\n\nSearch can filter starred conversations.\n');

    await versionPackages(copy);

    const expected = bump(before, "minor");
    expect(readJson(join(copy, "packages/types/package.json")).version).toBe(expected);
    expect(readJson(join(copy, "packages/client/package.json")).version).toBe(expected);
    expect(readJson(join(copy, "spec/package.json")).version).toBe(expected);
    expect(readFileSync(join(copy, "spec/openapi.yaml"), "utf8")).toMatch(new RegExp(`^info:\\n(?:\\s.*\\n)*?  version: ${expected.replaceAll(".", "\\.")}\\n`, "m"));
    expect(readFileSync(join(copy, "packages/types/src/spec-version.gen.ts"), "utf8")).toContain(`specVersion = "${expected}"`);

    const typesChangelog = readFileSync(join(copy, "packages/types/CHANGELOG.md"), "utf8");
    expect(typesChangelog).toContain(`## ${expected}`);
    expect(typesChangelog).toContain("Search can filter starred conversations.");
    expect(readFileSync(join(copy, "packages/client/CHANGELOG.md"), "utf8")).toContain(`## ${expected}`);
    expect(existsSync(join(copy, ".changeset/starred-filter.md"))).toBe(false);
    const check = await runNode([syncVersion, "--root", copy, "--check"], { cwd: copy });
    expect(check.status, check.output).toBe(0);
    // The private apps are not versioned.
    expect(readJson(join(copy, "apps/mock/package.json")).version).toBe(readJson(join(repoDir, "apps/mock/package.json")).version);
  });
});

describe("the dry-run release (pnpm release:dry-run, run once by test/support/pack-setup.ts)", () => {
  it("packs types and client, at their version, into artifacts/packages", () => {
    const tarballs = inject("tarballs");
    for (const name of ["types", "client"] as const) {
      const { version } = readJson(join(repoDir, `packages/${name}/package.json`));
      expect(tarballs[name]).toBe(join(repoDir, `artifacts/packages/conversations-api-${name}-${version}.tgz`));
      expect(readdirSync(join(repoDir, "artifacts/packages"))).toContain(`conversations-api-${name}-${version}.tgz`);
    }
  });

  it("packs only the published packages, and publishes nothing", () => {
    const output = inject("dryRunOutput");
    expect(output).toMatch(/@conversations-api\/types:pack/);
    expect(output).toMatch(/@conversations-api\/client:pack/);
    // The private packages have no pack task, and nothing asked a registry to publish.
    expect(output).not.toMatch(/@(example|test)\/[\w-]+:pack|@conversations-api\/(spec|mock|docs):pack/);
    expect(output).not.toMatch(/npm publish|changeset publish|\+ @conversations-api/);
  });
});
