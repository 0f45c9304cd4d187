// A vitest globalSetup that starts the mock (Prism on the bundled spec) once for the whole run, on
// a free port, and stops it by PID at the end. Tests read its URL with `mockUrl()`.
//   test: { globalSetup: ["@test/support/mock-setup"] }
import { startMock } from "@conversations-api/mock";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A minute, not the default 20 s: on a loaded 2-core CI machine other suites start beside it.
  const mock = await startMock({ startTimeoutMs: 60_000 });
  project.provide("mockUrl", mock.url);
  return () => mock.stop();
}
