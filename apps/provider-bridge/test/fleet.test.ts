// Two bridge workers behind one Delivery URL (a load balancer in front of a fleet) share the replay
// store on Redis (@conversations-api/fleet/redis): a delivery that reaches one worker and is sent
// again to the other (HighLevel's redelivery, or a replay) is handed to the carrier once. Against
// the fake over HTTP, with a real redis-server.
import { createConversationsClient } from "@conversations-api/client";
import { type RunningFake, startFake } from "@conversations-api/fake";
import { redisReplayStore } from "@conversations-api/fleet/redis";
import { startRedis, type RunningRedis } from "@test/support/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningProviderBridge, startProviderBridge } from "../src/index.js";
import { FakeCarrier } from "./support/fake-carrier.js";

const locationId = "LocBridgeFleet000001";
const contactId = "ContactFleet00000001";
const providerId = "ProviderFleet0000001";
const deliveryUrlSecret = "fleet-delivery-url-secret-0123456789abcdef";

let running: RunningFake;
let redisServer: RunningRedis;
let redis: Redis;
const workers: RunningProviderBridge[] = [];
const carrier = new FakeCarrier();

beforeAll(async () => {
  redisServer = await startRedis();
  redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
  running = await startFake({
    fixtures: { contacts: [{ id: contactId, locationId, fullName: "Flo Fleet", email: "flo@example.com", phone: "+15550108888" }] },
  });
  for (let worker = 0; worker < 2; worker++) {
    workers.push(
      await startProviderBridge({
        conversationProviderId: providerId,
        token: () => "fleet-token",
        carrier,
        deliveryUrlSecret,
        carrierInboundSecret: "fleet-carrier-inbound-secret-0123456789",
        baseUrl: running.url,
        replayStore: redisReplayStore(redis),
        log: () => {},
      }),
    );
  }
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await running?.stop();
  redis?.disconnect();
  await redisServer?.stop();
});

describe("a fleet of two bridge workers", () => {
  it("hands a message to the carrier once when its delivery reaches both workers", async () => {
    const [first, second] = workers as [RunningProviderBridge, RunningProviderBridge];
    running.fake.webhooks.setUrls({ providerUrl: first.deliveryUrl });
    const api = createConversationsClient({ token: "test-token", baseUrl: running.url, maxRetries: 0 });
    const { messageId } = await api.unwrap(api.POST("/conversations/messages", { body: { type: "SMS", contactId, message: "Once across the fleet", conversationProviderId: providerId } }));
    const [delivery] = (await running.fake.webhooks.idle()).filter((candidate) => candidate.endpoint === "provider");
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([200]);

    // The same request, as HighLevel would send it again, reaching the other worker.
    const again = await fetch(second.deliveryUrl, { method: "POST", headers: delivery!.headers, body: delivery!.body });
    expect([again.status, await again.json()]).toEqual([200, { received: true, note: "replayed_webhook" }]);
    await Promise.all(workers.map((worker) => worker.bridge.idle()));
    expect(carrier.sent.map((text) => text.reference)).toEqual([messageId]);
    expect(await redis.exists(`conversations-api:webhook:provider-message:${messageId}`)).toBe(1);
  });
});
