import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The lint tests spawn Redocly (about 1 s alone); under turbo's parallel test tasks on two cores
    // that can pass vitest's 5 s default, which would fail them for load rather than for a defect.
    testTimeout: 30_000,
  },
});
