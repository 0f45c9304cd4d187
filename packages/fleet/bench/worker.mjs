// One bench worker: a real client (`@conversations-api/client`, its own retries on 429) calling
// one location as fast as it can for a fixed time, with or without a rate-limit budget.
// input: { config: "none" | "memory" | "redis", url, redisUrl, location, share, limit, seconds }; it
// prints "ready", then reads the common start time (ms since the epoch) from stdin.
import { createConversationsClient } from "@conversations-api/client";
import { createRateLimitBudget } from "@conversations-api/fleet";
import { redisBudgetStore } from "@conversations-api/fleet/redis";
import { Redis } from "ioredis";

const input = JSON.parse(process.argv[2]);
const redis = input.config === "redis" ? new Redis(input.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
const budget =
  input.config === "none"
    ? undefined
    : createRateLimitBudget({ store: redis && redisBudgetStore(redis), share: input.share, limit: input.limit, maxWaitMs: 120_000 });
const client = createConversationsClient({
  token: "bench-token",
  baseUrl: input.url,
  fetch: budget ? budget.wrapFetch(fetch, { key: input.location }) : fetch,
  maxRetries: 2,
});

await redis?.ping();
console.log("ready");
const startAt = await new Promise((resolve) => process.stdin.once("data", (line) => resolve(Number(String(line)))));
process.stdin.destroy();
await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
const deadline = startAt + input.seconds * 1000;
const latencies = [];
let failed = 0;
while (Date.now() < deadline) {
  const started = performance.now();
  const { error } = await client.GET("/conversations/search", { params: { query: { locationId: input.location } } });
  latencies.push(performance.now() - started);
  if (error) failed++;
}
redis?.disconnect();
console.log(JSON.stringify({ calls: latencies.length, failed, latencies }));
