// The Redis the tests use: it answers, it stops by PID, and without redis-server a test fails
// with a message that says how to install it (it never skips).
import { startRedis } from "@test/support/redis";
import { Redis } from "ioredis";
import { afterEach, expect, it } from "vitest";

const original = process.env.REDIS_SERVER_PATH;
afterEach(() => {
  if (original === undefined) delete process.env.REDIS_SERVER_PATH;
  else process.env.REDIS_SERVER_PATH = original;
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it("starts redis-server on 127.0.0.1 answering PING, and stop() ends that process", async () => {
  const redis = await startRedis();
  const client = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => {});
  expect(await client.ping()).toBe("PONG");
  expect(await client.config("GET", "save")).toEqual(["save", ""]);
  client.disconnect();
  expect(alive(redis.pid)).toBe(true);
  await redis.stop();
  expect(alive(redis.pid)).toBe(false);
});

it("fails with a clear message when redis-server is missing", async () => {
  process.env.REDIS_SERVER_PATH = "/nonexistent/redis-server";
  await expect(startRedis()).rejects.toThrow(/redis-server is not installed .*apt-get install -y redis-server/);
});
