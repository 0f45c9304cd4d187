import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The files share no state: one module graph (Ajv and the spec loaded once) for all of them.
    isolate: false,
    include: ["test/**/*.test.ts"],
  },
});
