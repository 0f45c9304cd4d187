// A vitest globalSetup for the contract suite against the stateful fake: starts
// `startFake({ fixtures: exampleFixtures })` over HTTP on 127.0.0.1 (a free port) once for the run,
// provides its URL as `fakeUrl` (as @test/support/mock-setup provides the mock's), and stops it at
// the end. Each test file starts from the example data again (test/support/fake-reset.ts).
import { exampleFixtures, startFake } from "@conversations-api/fake";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // No rate limit: the suite asserts the spec's contract, not the vendor's limits (the fake's own
  // tests cover those), and its ~300 calls would otherwise meet the 100-per-10-s window.
  const fake = await startFake({ fixtures: exampleFixtures, rateLimit: false });
  project.provide("fakeUrl", fake.url);
  return () => fake.stop();
}
