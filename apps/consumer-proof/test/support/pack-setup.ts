// Runs the dry-run release once, as a maintainer does: `pnpm release:dry-run` (each published
// package's `pack` script: `pnpm pack` into artifacts/packages, where `workspace:` ranges become
// real versions), and hands the tarballs, and what the command printed, to every suite.
import { readFileSync, statSync } from "node:fs";
import { expectSuccess, runPnpm } from "@test/support";
import type { TestProject } from "vitest/node";
import { packageDir, publishedPackages, repoDir } from "./repository.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute paths of the packed tarballs, by package folder name. */
    tarballs: { types: string; client: string; webhooks: string; fake: string; validator: string };
    /** What `pnpm release:dry-run` printed. */
    dryRunOutput: string;
  }
}

export const packedDir = `${repoDir}artifacts/packages`;

export default async function setup(project: TestProject) {
  const started = Date.now();
  const { output } = expectSuccess(await runPnpm(["release:dry-run"], { cwd: repoDir }));
  const tarballs: Record<string, string> = {};
  for (const name of publishedPackages) {
    const { version } = JSON.parse(readFileSync(`${packageDir(name)}/package.json`, "utf8"));
    const tarball = `${packedDir}/conversations-api-${name}-${version}.tgz`;
    let written: number;
    try {
      written = statSync(tarball).mtimeMs;
    } catch {
      throw new Error(`pnpm release:dry-run wrote no ${tarball}:\n${output}`);
    }
    // A tarball left over from an earlier run would prove nothing about this one.
    if (written < started - 1_000) throw new Error(`${tarball} is older than this run of pnpm release:dry-run:\n${output}`);
    tarballs[name] = tarball;
  }
  project.provide("tarballs", {
    types: tarballs.types ?? "",
    client: tarballs.client ?? "",
    webhooks: tarballs.webhooks ?? "",
    fake: tarballs.fake ?? "",
    validator: tarballs.validator ?? "",
  });
  project.provide("dryRunOutput", output);
}
