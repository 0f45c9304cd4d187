// Runs the dry-run release once, as a maintainer does: `pnpm release:dry-run` (each published
// package's `pack` script: `pnpm pack` into artifacts/packages, where `workspace:` ranges become
// real versions), and hands the tarballs, and what the command printed, to every suite.
// With REUSE_PACKED_TARBALLS=1 (CI's runs on Node 22 and 24, after the main run packed them) it
// takes the tarballs already packed, newer than every package's build, and packs nothing.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { expectSuccess, runPnpm } from "@test/support";
import type { TestProject } from "vitest/node";
import { type PublishedPackage, packageDir, publishedPackages, repoDir } from "./repository.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute paths of the packed tarballs, by package folder name. */
    tarballs: { types: string; client: string; webhooks: string; fake: string; validator: string };
    /** What `pnpm release:dry-run` printed. */
    dryRunOutput: string;
  }
}

export const packedDir = `${repoDir}artifacts/packages`;

/** When the newest file of a package's dist/ was written: a tarball older than that is stale. */
function builtAt(name: PublishedPackage): number {
  const dist = `${packageDir(name)}/dist`;
  return Math.max(...readdirSync(dist, { recursive: true, encoding: "utf8" }).map((file) => statSync(`${dist}/${file}`).mtimeMs));
}

export default async function setup(project: TestProject) {
  const reuse = process.env.REUSE_PACKED_TARBALLS === "1";
  const started = Date.now();
  const { output } = reuse
    ? { output: "(REUSE_PACKED_TARBALLS=1: the tarballs packed earlier, nothing packed)" }
    : expectSuccess(await runPnpm(["release:dry-run"], { cwd: repoDir }));
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
    // A tarball left over from an earlier run (or older than the build it should hold) would prove
    // nothing about this one.
    if (written < (reuse ? builtAt(name) : started - 1_000)) throw new Error(`${tarball} is older than ${reuse ? "its package's build" : "this run of pnpm release:dry-run"}:\n${output}`);
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
