import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file starts its own servers on 127.0.0.1 (the fake, a drifted server) and stops them;
    // the command-line cases start Node processes, slow on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
