import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The mock (Prism), once for the suite: the parity test sends it the requests it sends the fake.
    globalSetup: ["@test/support/mock-setup"],
    // Prism and the benchmark's baseline take seconds to start on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
