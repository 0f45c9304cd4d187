import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The files share nothing but the fixtures they read: one module graph for all of them.
    isolate: false,
    // The type test (test/*.test-d.ts) beside the runtime tests: what a user writes must compile
    // without a cast.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
