// A fetch in front of the fake that checks every answer against the spec (spec-check.ts) and
// keeps what it found, so a suite can assert that no answer drifted from the spec.
import { afterEach, expect } from "vitest";
import type { Fake } from "../../src/index.js";
import { answerViolations } from "./spec-check.js";

export interface CheckedFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** "METHOD path status: problem" for every answer that did not match the spec. */
  violations: string[];
  /** How many answers were checked. */
  checked: number;
}

/** Checks the answers of `fetch` (the fake in process, or `globalThis.fetch` on its URL). */
export function checkedFetch(fetch: (request: Request) => Promise<Response>): CheckedFetch {
  const checked = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const problems = await answerViolations(request.method, request.url, response);
    checked.checked += 1;
    for (const problem of problems) checked.violations.push(`${request.method} ${new URL(request.url).pathname} ${response.status}: ${problem}`);
    return response;
  }) as CheckedFetch;
  checked.violations = [];
  checked.checked = 0;
  return checked;
}

/** A checked fetch of `fake`, asserted clean after each test of the suite. */
export function specCheckedFetch(fake: () => Fake): CheckedFetch {
  const checked = checkedFetch((request) => fake().fetch(request));
  afterEach(() => {
    const violations = checked.violations.splice(0);
    expect(violations, "answers that do not match the spec").toEqual([]);
  });
  return checked;
}
