// Every call goes through the fleet's rate-limit budget: an agent's burst of tool calls is paced
// to the location's limit instead of running into 429s (or spending another worker's share).
import { createFake, exampleFixtures } from "@conversations-api/fake";
import { createRateLimitBudget } from "@conversations-api/fleet";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectHttp, type HttpSession } from "./support/servers.js";

// The vendor's 100 requests per window, in a 2 s window to keep the test short: the budget's 4% margin
// (4 requests) absorbs a late slot, as it does at 100 per 10 s.
const limit = { max: 100, intervalMs: 2_000 };
const calls = 130;
const fake = createFake({ fixtures: exampleFixtures, rateLimit: limit });
const sent: number[] = [];
const statuses: number[] = [];
let session: HttpSession;

beforeAll(async () => {
  session = await connectHttp({
    token: "fake-token-for-tests",
    budget: createRateLimitBudget({ limit }),
    fetch: async (request, init) => {
      sent.push(performance.now());
      const response = await fake.fetch(request, init);
      statuses.push(response.status);
      return response;
    },
    maxRetries: 0,
  });
});
afterAll(() => session?.close());

it("a burst of 130 tool calls stays within the budget: paced, no 429, every call answered", async () => {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: calls }, () => session.client.callTool({ name: "search-conversation", arguments: { locationId: "ABCHkzuJQ8ZMd4Te84GK" } })),
  );
  expect(results.filter((result) => result.isError)).toEqual([]);
  expect(statuses).toHaveLength(calls);
  expect(statuses.filter((status) => status === 429)).toEqual([]);
  // Evenly spaced at 96% of the limit: the sends span at least (calls - 2) slots, give or take one
  // slot's sending jitter; no window holds more than the max.
  const slotMs = limit.intervalMs / (0.96 * limit.max);
  expect(sent.at(-1)! - sent[0]!).toBeGreaterThan((calls - 2) * slotMs);
  for (const [index, time] of sent.entries()) {
    expect(sent.filter((other, at) => at >= index && other - time < limit.intervalMs).length).toBeLessThanOrEqual(limit.max);
  }
  expect(performance.now() - started).toBeGreaterThan((calls - 2) * slotMs);
});
