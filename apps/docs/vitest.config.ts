import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Chromium starts in about a second, but a busy CI machine runs other suites beside it.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
