// Which server the contract suite runs against: the mock (Prism, the `contract` project) or the
// stateful fake (the `contract-fake` project, whose globalSetup provides `fakeUrl`). The same tests
// run against both; what only one of them does is asserted under a condition named here.
import { mockUrl } from "@test/support";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The URL of the fake that test/support/fake-setup.ts started for this run. */
    fakeUrl: string;
  }
}

export type Backend = "mock" | "fake";

export const backend: Backend = inject("fakeUrl") ? "fake" : "mock";

/** The base URL of the server under test. */
export function backendUrl(): string {
  return backend === "fake" ? inject("fakeUrl") : mockUrl();
}

/**
 * Prism answers every call from the spec's static examples, whatever the state: the same example
 * body for any id, a success for a call whose target does not exist. Assertions about those exact
 * bodies hold against the mock only; the fake answers from its state (the spec's example data).
 */
export const servesStaticExamples = backend === "mock";

/**
 * The example data again (the fake's `/__fake/reset`): for a test that changes what another call of
 * the same file needs (a delete, a cancel). The mock keeps no state: nothing to do.
 */
export async function freshState(): Promise<void> {
  if (backend === "mock") return;
  const response = await fetch(`${backendUrl()}/__fake/reset`, { method: "POST" });
  if (response.status !== 204) throw new Error(`resetting the fake answered ${response.status}: ${await response.text()}`);
}
