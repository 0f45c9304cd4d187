import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The test files share no state: one module graph for all of them (each file imported in isolation
    // costs seconds of CPU on 2 cores).
    isolate: false,
    // The mock (Prism on the bundled spec), started once for every test file, stopped by PID.
    globalSetup: ["@test/support/mock-setup"],
    // The CLI tests start Node processes; a loaded 2-core machine makes seconds of them.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
