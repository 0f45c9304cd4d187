import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Prism and tsc take seconds on a loaded 2-core machine.
    hookTimeout: 60_000,
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts"],
          // Starts Prism on a free port before the suite and stops it by PID afterwards.
          globalSetup: ["@test/support/mock-setup"],
          // The contract files share nothing but the mock: one module graph for all of them saves seconds.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/fault/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "types",
          // Type tests: `@ts-expect-error` lines prove that wrong calls do not compile. A project of
          // their own, so that CI's runs on other Node versions can leave out what Node does not change.
          typecheck: { enabled: true, only: true, include: ["test/types/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
    ],
  },
});
