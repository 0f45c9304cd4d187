import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The test files share no state: one module graph for all of them (each file imported in isolation
    // costs seconds of CPU on 2 cores).
    isolate: false,
    // The lint and gate tests start Redocly and optic (seconds each on a loaded 2-core machine).
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
