import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The test files share no state (each starts its own servers): one module graph saves CPU.
    isolate: false,
    include: ["test/**/*.test.ts"],
    // Spawned servers and a paced burst take seconds on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
