import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The test files share no state (each restores what it changes): one module graph for all of
    // them saves seconds of CPU per run on 2 cores.
    isolate: false,
    include: ["test/**/*.test.ts"],
    // RSA-4096 key generation and the esbuild bundles take seconds on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Type tests: `@ts-expect-error` lines prove that wrong uses do not compile.
    typecheck: { enabled: true, include: ["test/types/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
