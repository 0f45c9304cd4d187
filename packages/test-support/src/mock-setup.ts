// A vitest globalSetup that starts the mock (Prism on the bundled spec) once for the whole run, on
// a free port, and stops it by PID at the end. Tests read its URL with `mockUrl()`.
//   test: { globalSetup: ["@test/support/mock-setup"] }
// In the workspace's one run (the root vitest.config.ts) every project that lists it shares one
// mock: the global setups all run in vitest's main process, so the running mock is kept on
// globalThis, counted, and stopped by the last project's teardown.
import { startMock, type RunningMock } from "@conversations-api/mock";
import type { TestProject } from "vitest/node";

interface SharedMock {
  mock: Promise<RunningMock>;
  users: number;
}
const shared = globalThis as { conversationsApiMock?: SharedMock };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A minute, not the default 20 s: on a loaded 2-core CI machine other suites start beside it.
  const entry = (shared.conversationsApiMock ??= { mock: startMock({ startTimeoutMs: 60_000 }), users: 0 });
  entry.users += 1;
  const mock = await entry.mock;
  project.provide("mockUrl", mock.url);
  return async () => {
    entry.users -= 1;
    if (entry.users > 0) return;
    shared.conversationsApiMock = undefined;
    await mock.stop();
  };
}
