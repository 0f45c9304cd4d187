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
          // The same contract files against the stateful fake (@conversations-api/fake) with the
          // spec's example data, over HTTP on 127.0.0.1: what the spec promises holds for both.
          name: "contract-fake",
          include: ["test/contract/**/*.test.ts"],
          globalSetup: ["test/support/fake-setup.ts"],
          // Each file starts from the example data (POST /__fake/reset); one fake serves the run, so
          // its files take turns.
          setupFiles: ["test/support/fake-reset.ts"],
          fileParallelism: false,
          // In the workspace's one run (the root vitest.config.ts) its files take turns after the
          // other projects' files, which share the pool (vitest wants a group of its own for them).
          sequence: { groupOrder: 1 },
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/fault/**/*.test.ts"],
          // Each file starts its own loopback servers and restores what it spies on: one module
          // graph for all of them halves the suite's CPU (it runs on Node 20, 22 and 24).
          isolate: false,
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
