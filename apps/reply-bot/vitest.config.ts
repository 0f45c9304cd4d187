import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The tests start Prism (about a second each) beside other suites.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
