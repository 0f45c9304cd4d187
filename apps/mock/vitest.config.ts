import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Prism takes about 1 s to start alone, several on a loaded 2-core machine.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
