import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The test files share no state: one module graph for all of them (each file imported in isolation
    // costs seconds of CPU on 2 cores).
    isolate: false,
    // npm install, tsc and Chromium each take seconds on a loaded 2-core machine.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // The mock, and the tarballs of `pnpm release:dry-run`, once for every suite (test/support/pack-setup.ts).
    globalSetup: ["@test/support/mock-setup", "test/support/pack-setup.ts"],
  },
});
