import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The test files share no state (each restores what it changes): one module graph for all of
    // them saves seconds of CPU per run on 2 cores.
    isolate: false,
    // The mock (Prism) once for the suite: the bot replies through the client against it, and the demo uses it.
    globalSetup: ["@test/support/mock-setup"],
    // The fake's end-to-end tests and the demo's process take seconds beside other suites.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
