import { defineConfig } from "vitest/config";

// `pnpm bench`: the measurements of BENCHMARKS.md ("Sync"), not tests. One file, run alone.
export default defineConfig({
  test: {
    include: ["bench/**/*.bench.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
