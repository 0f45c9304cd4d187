import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Prism and tsc take seconds when CI runs every package's tests at once on 2 cores.
    hookTimeout: 60_000,
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts"],
          // Starts Prism on a free port before the suite and stops it by PID afterwards.
          globalSetup: ["test/contract/mock-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/fault/**/*.test.ts"],
          // Type tests: `@ts-expect-error` lines prove that wrong calls do not compile.
          typecheck: { enabled: true, include: ["test/types/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
    ],
  },
});
