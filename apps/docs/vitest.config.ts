import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The test files share no state: one module graph for all of them (each file imported in isolation
    // costs seconds of CPU on 2 cores).
    isolate: false,
    // Chromium starts in about a second, but a busy CI machine runs other suites beside it.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
