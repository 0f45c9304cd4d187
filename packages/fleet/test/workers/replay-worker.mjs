// A worker that receives one signed webhook delivery, as a receiver of the fleet does: `unwrap` from
// @conversations-api/webhooks with the shared Redis replay store (or, `store: "memory"`, the
// webhooks package's in-memory store of its own process), then prints whether it accepted it.
// input: { redisUrl, store: "redis" | "memory", delivery: { body, headers }, publicKey, startAt }
import { MemoryReplayStore, unwrap } from "@conversations-api/webhooks";
import { redisReplayStore } from "@conversations-api/fleet/redis";
import { Redis } from "ioredis";

const input = JSON.parse(process.argv[2]);
const redis = new Redis(input.redisUrl, { maxRetriesPerRequest: 1 });
await redis.ping(); // connected before the common start, so that both workers race on the claim
const replayStore = input.store === "memory" ? new MemoryReplayStore() : redisReplayStore(redis);
await new Promise((resolve) => setTimeout(resolve, input.startAt - Date.now()));
try {
  const event = await unwrap(input.delivery.body, input.delivery.headers, { publicKeys: [input.publicKey], replayStore });
  console.log(JSON.stringify({ accepted: true, type: event.type, webhookId: event.webhookId }));
} catch (error) {
  console.log(JSON.stringify({ accepted: false, error: { name: error.name, message: error.message } }));
} finally {
  redis.disconnect();
}
