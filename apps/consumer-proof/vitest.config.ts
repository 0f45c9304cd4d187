import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // npm install, tsc and Chromium each take seconds; a busy CI machine runs other suites beside them.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // The tarballs are packed once and shared by the suites (see test/support/packed.ts).
    globalSetup: ["test/support/pack-setup.ts"],
  },
});
