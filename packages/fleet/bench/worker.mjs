// One worker of `pnpm bench:fleet`: a process that searches one location's conversations on the
// fake, one call after another, as fast as it is let, for a fixed time.
// input: { config, url, token, location, redisUrl?, share?, seconds }, config being
// - "none": this client alone (`@conversations-api/client`: retries a 429 after its Retry-After);
// - "memory": the client with a budget of its own process (`createRateLimitBudget()`);
// - "redis": the client with the budget shared on Redis (`redisBudgetStore`);
// - "vendor": the vendor's SDK (`@gohighlevel/api-client` 3.1.0) with its opt-in 429 retries.
// It prints "ready" once loaded (and connected), reads the common start time (epoch ms) from
// stdin, and prints one JSON line: its calls, failures and each call's latency.
import { createConversationsClient } from "@conversations-api/client";
import { createRateLimitBudget } from "@conversations-api/fleet";

const input = JSON.parse(process.argv[2]);
const warnings = [];
const logger = { debug() {}, info() {}, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) };
// Loaded only by the configurations that use them.
const { Redis } = input.config === "redis" ? await import("ioredis") : {};
const { redisBudgetStore } = input.config === "redis" ? await import("@conversations-api/fleet/redis") : {};
const redis = Redis && new Redis(input.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1_000 });
const query = { locationId: input.location };

/** One search; resolves with what went wrong ("HTTP 429", an error's name) or undefined, never rejects. */
let search;
if (input.config === "vendor") {
  const { HighLevel } = await import("@gohighlevel/api-client");
  const vendor = new HighLevel({ privateIntegrationToken: input.token, apiVersion: "2021-04-15", rateLimitRetry: true, logLevel: "none" });
  // The SDK has no base URL option (its BASE_URL is a private static, the production API): its
  // axios instance (also private) is pointed at the fake, as the client's own bench does.
  vendor.httpClient.defaults.baseURL = input.url;
  search = () =>
    vendor.conversations.searchConversation(query).then(
      () => undefined,
      (error) => (error.statusCode ? `HTTP ${error.statusCode}` : error.name),
    );
} else {
  const budget =
    input.config === "none"
      ? undefined
      : createRateLimitBudget({ store: redis && redisBudgetStore(redis), ...(input.share && { share: input.share }), logger });
  const client = createConversationsClient({
    token: input.token,
    baseUrl: input.url,
    ...(budget && { fetch: budget.wrapFetch(fetch, { key: input.location }) }),
  });
  search = async () => {
    const { error, response } = await client.GET("/conversations/search", { params: { query } });
    return error && (response.status ? `HTTP ${response.status}` : error.name);
  };
}

await redis?.ping();
console.log("ready");
const startAt = await new Promise((resolve) => process.stdin.once("data", (line) => resolve(Number(String(line)))));
process.stdin.destroy();
await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
const deadline = startAt + input.seconds * 1000;
const latencies = [];
const failures = {};
while (Date.now() < deadline) {
  const started = performance.now();
  const failure = await search();
  latencies.push(performance.now() - started);
  if (failure) failures[failure] = (failures[failure] ?? 0) + 1;
}
redis?.disconnect();
console.log(JSON.stringify({ calls: latencies.length, failures, latencies, warnings }));
