import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Prism takes about 1 s to start alone, several when CI runs every package's tests at once.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
