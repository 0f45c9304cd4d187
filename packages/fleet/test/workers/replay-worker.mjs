// A worker that receives one webhook delivery: claims its id in the shared replay store.
// input: { redisUrl, id, expiresAt, startAt }
import { redisReplayStore } from "@conversations-api/fleet/redis";
import { Redis } from "ioredis";

const input = JSON.parse(process.argv[2]);
const redis = new Redis(input.redisUrl, { maxRetriesPerRequest: 1 });
await redis.ping();
const store = redisReplayStore(redis);
await new Promise((resolve) => setTimeout(resolve, input.startAt - Date.now()));
const accepted = await store.claim(input.id, input.expiresAt);
redis.disconnect();
console.log(JSON.stringify({ accepted }));
