import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The test files share no state (each restores what it changes): one module graph for all of
    // them saves seconds of CPU per run on 2 cores.
    isolate: false,
    include: ["test/**/*.test.ts"],
    // Worker processes import the built package: build it when a source is newer than dist/.
    globalSetup: ["test/support/build-dist.ts"],
    // Redis, worker processes and lock expiries take seconds on a loaded 2-core machine.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
