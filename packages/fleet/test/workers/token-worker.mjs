// A worker that asks for a location's token once, through a fleet token provider on Redis.
// input: { redisUrl, tokenUrl, key, startAt, options }
import { createFleetTokens } from "@conversations-api/fleet";
import { redisRefreshLock, redisTokenStore } from "@conversations-api/fleet/redis";
import { Redis } from "ioredis";

const input = JSON.parse(process.argv[2]);
const redis = new Redis(input.redisUrl, { maxRetriesPerRequest: 1 });
const tokens = createFleetTokens({
  clientId: "client-id",
  clientSecret: "client-secret",
  tokenUrl: input.tokenUrl,
  store: redisTokenStore(redis),
  lock: redisRefreshLock(redis),
  ...input.options,
});

await new Promise((resolve) => setTimeout(resolve, input.startAt - Date.now()));
const started = Date.now();
try {
  const token = await tokens.provider(input.key)();
  console.log(JSON.stringify({ token, waitedMs: Date.now() - started }));
} catch (error) {
  console.log(JSON.stringify({ error: { name: error.name, code: error.code, message: error.message } }));
} finally {
  redis.disconnect();
}
