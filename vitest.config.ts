// One vitest run for the whole workspace (`pnpm test` runs it after turbo's lint, check-types and
// build): every package's own vitest.config.ts is a project of it, so the test files of all
// packages share one pool of workers instead of a vitest process per package taking turns.
// A package keeps its own config and `test` script, for running its suite alone.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig, type TestProjectInlineConfiguration } from "vitest/config";
import clientConfig from "./packages/client/vitest.config.ts";

/** A package whose config lists projects of its own: those projects, each named `<package>:<project>`. */
function nestedProjects(dir: string, prefix: string, config: typeof clientConfig): TestProjectInlineConfiguration[] {
  const { projects = [], ...shared } = config.test ?? {};
  return (projects as TestProjectInlineConfiguration[]).map((project) => {
    const { extends: _extendsPackageConfig, ...own } = project;
    return mergeConfig({ root: dir, test: shared }, { ...own, test: { ...own.test, name: `${prefix}:${own.test?.name}` } });
  });
}

const root = fileURLToPath(new URL(".", import.meta.url));
const packagesWithNestedProjects: Record<string, TestProjectInlineConfiguration[]> = {
  "packages/client": nestedProjects(join(root, "packages/client"), "client", clientConfig),
};

const workspacePackages = ["spec", ...["packages", "apps"].flatMap((folder) => readdirSync(join(root, folder)).map((name) => `${folder}/${name}`))];
/** The packages with a `test` script: the ones `pnpm --filter <package> test` tests alone. */
const hasTests = (dir: string) => existsSync(join(root, dir, "package.json")) && Boolean(JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")).scripts?.test);

export default defineConfig({
  test: {
    // Most test time is waiting (servers, timeouts, child processes), not CPU: three workers on 2
    // cores overlap the waits (vitest's default on 2 cores is one worker, every file in turn).
    maxWorkers: 3,
    projects: workspacePackages
      .filter(hasTests)
      .flatMap((dir) => packagesWithNestedProjects[dir] ?? [join(root, dir)]),
  },
});
