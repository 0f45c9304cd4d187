import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each file starts its own fakes, databases and processes; they run one at a time, as the
    // end-to-end runs are timing-sensitive on a loaded 2-core machine.
    fileParallelism: false,
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
