// A real Redis for the tests of a file (or of a describe block): redis-server started before them
// with an ioredis client on it, both stopped after them.
import { startRedis, type RunningRedis } from "@test/support/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";

export interface TestRedis {
  /** `redis://127.0.0.1:<port>`, for worker processes. */
  readonly url: string;
  readonly client: Redis;
}

export function useRedis(): TestRedis {
  let server: RunningRedis | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    server = await startRedis();
    client = new Redis(server.url, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });
  const started = () => {
    if (!server || !client) throw new Error("useRedis(): Redis is started in beforeAll; read it inside a test or hook");
    return { server, client };
  };
  return {
    get url() {
      return started().server.url;
    },
    get client() {
      return started().client;
    },
  };
}
