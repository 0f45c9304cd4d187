// A worker that calls a loopback API as fast as its shared budget lets it, for a fixed time.
// input: { redisUrl, url, key, share, limit, startAt, durationMs }
import { createRateLimitBudget } from "@conversations-api/fleet";
import { redisBudgetStore } from "@conversations-api/fleet/redis";
import { Redis } from "ioredis";

const input = JSON.parse(process.argv[2]);
const redis = new Redis(input.redisUrl, { maxRetriesPerRequest: 1 });
const warnings = [];
const logger = { debug() {}, info() {}, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) };
const budget = createRateLimitBudget({ store: redisBudgetStore(redis), share: input.share, limit: input.limit, logger });
const sentAt = []; // when the budget let each request go
const send = budget.wrapFetch((request, init) => (sentAt.push(Date.now()), fetch(request, init)), { key: input.key });

await new Promise((resolve) => setTimeout(resolve, input.startAt - Date.now()));
const statuses = {};
const until = Date.now() + input.durationMs;
while (Date.now() < until) {
  const response = await send(`${input.url}/calls/${input.key}`);
  await response.arrayBuffer();
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
}
redis.disconnect();
console.log(JSON.stringify({ statuses, sentAt, warnings }));
