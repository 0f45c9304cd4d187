// What npm users get: ESM with an exports map and types, no side effects, only the files that
// matter, a README, a license, real version ranges instead of `workspace:`.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { packageDir, publishedPackages, repoDir } from "./support/repository.js";

function tarballFiles(tarball: string): string[] {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
}

function packedManifest(tarball: string): any {
  return JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
}

describe.each(publishedPackages)("@conversations-api/%s", (name) => {
  const manifest = JSON.parse(readFileSync(`${packageDir(name)}/package.json`, "utf8"));
  const tarball = () => inject("tarballs")[name];

  it("is ESM with an exports map whose entry has types, and no side effects", () => {
    expect(manifest.type).toBe("module");
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
    expect(manifest.exports["./package.json"]).toBe("./package.json");
  });

  it("declares its license, Node 20+, and public access", () => {
    expect(manifest.license).toBe("MIT");
    expect(manifest.engines.node).toBe(">=20");
    expect(manifest.publishConfig.access).toBe("public");
  });

  it("has a README that names it and shows how to install it", () => {
    const readme = readFileSync(`${packageDir(name)}/README.md`, "utf8");
    expect(readme).toContain(`# @conversations-api/${name}`);
    expect(readme).toContain(`npm install @conversations-api/${name}`);
  });

  it("packs the repository's MIT license", () => {
    expect(tarballFiles(tarball())).toContain("package/LICENSE");
    const license = execFileSync("tar", ["-xzOf", tarball(), "package/LICENSE"], { encoding: "utf8" });
    expect(license).toBe(readFileSync(`${repoDir}LICENSE`, "utf8"));
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 conversations-api contributors\n/);
  });

  it("packs its build, types and README, and no tests or configs", () => {
    const files = tarballFiles(tarball());
    for (const file of ["package/package.json", "package/README.md", "package/LICENSE", "package/dist/index.js", "package/dist/index.d.ts"]) {
      expect(files).toContain(file);
    }
    expect(files.filter((file) => /\/(test|node_modules)\/|tsconfig|vitest|report\.json/.test(file))).toEqual([]);
    // Every file the exports map points at is in the tarball.
    for (const target of Object.values<any>(manifest.exports).flatMap((entry) => (typeof entry === "string" ? [entry] : Object.values(entry)))) {
      expect(files).toContain(`package/${String(target).replace(/^\.\//, "")}`);
    }
  });

  it("replaces workspace: ranges by the released versions when packed", () => {
    const packed = packedManifest(tarball());
    expect(JSON.stringify(packed.dependencies ?? {})).not.toContain("workspace:");
    if (name !== "types") {
      const types = JSON.parse(readFileSync(`${packageDir("types")}/package.json`, "utf8"));
      expect(packed.dependencies["@conversations-api/types"]).toBe(types.version);
    }
  });
});

describe("@conversations-api/types", () => {
  it("ships the bundled spec as @conversations-api/types/openapi.json", () => {
    expect(tarballFiles(inject("tarballs").types)).toContain("package/openapi.json");
  });
});
