// Runs the dry-run release once, as `pnpm release:dry-run` does (each published package's `pack`
// script: `pnpm pack` into artifacts/packages, where `workspace:` ranges become real versions),
// and hands the tarballs to every suite.
import { existsSync, readFileSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { expectSuccess, packageDir, pnpm, publishedPackages, repoDir } from "./commands.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute paths of the packed tarballs, by package folder name. */
    tarballs: { types: string; client: string; webhooks: string; fake: string };
  }
}

export const packedDir = `${repoDir}artifacts/packages`;

export default async function setup(project: TestProject) {
  const tarballs: Record<string, string> = {};
  for (const name of publishedPackages) {
    expectSuccess(await pnpm(["run", "pack"], packageDir(name)));
    const { version } = JSON.parse(readFileSync(`${packageDir(name)}/package.json`, "utf8"));
    const tarball = `${packedDir}/conversations-api-${name}-${version}.tgz`;
    if (!existsSync(tarball)) throw new Error(`the pack script of @conversations-api/${name} wrote no ${tarball}`);
    tarballs[name] = tarball;
  }
  project.provide("tarballs", {
    types: tarballs.types ?? "",
    client: tarballs.client ?? "",
    webhooks: tarballs.webhooks ?? "",
    fake: tarballs.fake ?? "",
  });
}
