import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The test files share no state (each starts its own fake, carrier and bridge): one module graph
    // for all of them saves seconds of CPU per run on 2 cores.
    isolate: false,
    // End to end over HTTP with retries and backoff: seconds on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
