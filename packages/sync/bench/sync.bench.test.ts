// pnpm bench (this package; after a build): three measurements, printed as tables.
// 1. Backfill speed against the rate limit's ceiling, at the fake's real limits (100 per 10 s):
//    messages per second and requests per second, as a share of what the limit allows.
// 2. Memory held by a backfill (the CLI in its own process, peak RSS from /proc) of 10,000 and of
//    100,000 messages: bounded if the second is about the first.
// 3. Webhook to row: from the fake's InboundMessage to the row committed, embedded and PostgreSQL,
//    beside a receiver that only verifies (the baseline).
// Sizes by SYNC_BENCH_* variables (see below).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createFake, startFake } from "@conversations-api/fake";
import { createNodeHandler } from "@conversations-api/webhooks/node";
import { listenOnLoopback } from "@test/support";
import { startPostgres } from "@test/support/postgres";
import { afterAll, expect, it } from "vitest";
import { follow } from "../src/follow.js";
import { createMirrorSync } from "../src/sync.js";
import { embeddedDirectory } from "../test/support/embedded-directory.js";
import { LOCATION_ID, seededLocation } from "../test/support/seeded-location.js";
import { startSyncProcess } from "../test/support/sync-process.js";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SPEED_MESSAGES = env("SYNC_BENCH_SPEED_MESSAGES", 10_000);
const MEMORY_SMALL = env("SYNC_BENCH_MEMORY_SMALL", 10_000);
const MEMORY_LARGE = env("SYNC_BENCH_MEMORY_LARGE", 100_000);
const LATENCY_SAMPLES = env("SYNC_BENCH_LATENCY_SAMPLES", 200);
const lines: string[] = [];
const print = (line: string) => {
  lines.push(line);
};
// Everything again at the end, in one piece, for BENCHMARKS.md.
afterAll(() => process.stdout.write(`\n${lines.join("\n")}\n`));
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

it("backfill speed against the rate limit's ceiling (100 requests per 10 s)", async () => {
  print(`\nBackfill speed: ${SPEED_MESSAGES / 10} conversations, ${SPEED_MESSAGES} messages, the fake's real limit (100 per 10 s), page size 100`);
  print("| share | requests | seconds | requests/s | of the ceiling (10/s) | messages/s | of the ceiling (1,000/s) | 429s |");
  print("|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const share of [0.96, 0.5]) {
    const fake = createFake({ seed: 1, fixtures: seededLocation({ conversations: SPEED_MESSAGES / 10, messages: SPEED_MESSAGES, seed: 1 }) });
    let tooMany = 0;
    const sync = await createMirrorSync({
      locationId: LOCATION_ID,
      token: "bench",
      baseUrl: "http://fake.invalid",
      database: await embeddedDirectory(),
      share,
      fetch: async (request, init) => {
        const response = await fake.fetch(request, init);
        if (response.status === 429) tooMany++;
        return response;
      },
    });
    const startedAt = performance.now();
    const report = await sync.backfill();
    const seconds = (performance.now() - startedAt) / 1000;
    const { requests } = sync.api.budgetState();
    await sync.close();
    expect(report?.messages).toBe(SPEED_MESSAGES);
    const perSecond = requests / seconds;
    print(
      `| ${share} | ${requests} | ${seconds.toFixed(1)} | ${perSecond.toFixed(2)} | ${((perSecond / 10) * 100).toFixed(1)}% | ${(SPEED_MESSAGES / seconds).toFixed(0)} | ${((SPEED_MESSAGES / seconds / 1000) * 100).toFixed(1)}% | ${tooMany} |`,
    );
  }
});

it("memory held by a backfill: 10,000 against 100,000 messages (the CLI's peak RSS)", async () => {
  print(`\nMemory of a backfill (the CLI in its own process; the fake in the bench's, no rate limit; page size 500)`);
  print("| messages | peak RSS | RSS at the end | seconds | messages/s |");
  print("|---:|---:|---:|---:|---:|");
  const peaks: number[] = [];
  for (const messages of [MEMORY_SMALL, MEMORY_LARGE]) {
    const server = await startFake({ seed: 2, fixtures: seededLocation({ conversations: messages / 10, messages, seed: 2 }), rateLimit: false });
    const directory = await embeddedDirectory();
    const startedAt = performance.now();
    const child = startSyncProcess(["backfill", "--location", LOCATION_ID, "--database", directory, "--base-url", server.url, "--share", "1", "--page-size", "500"], { HIGHLEVEL_TOKEN: "bench" });
    let peak = 0;
    let last = 0;
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.child.pid}/status`, "utf8");
        last = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
        peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
      } catch {}
    };
    const timer = setInterval(sample, 100);
    await child.waitFor((event) => event.type === "backfill", 900_000);
    sample();
    clearInterval(timer);
    const seconds = (performance.now() - startedAt) / 1000;
    expect((await child.exited).code).toBe(0);
    await server.stop();
    peaks.push(peak);
    print(`| ${messages.toLocaleString("en")} | ${(peak / 2 ** 20).toFixed(0)} MiB | ${(last / 2 ** 20).toFixed(0)} MiB | ${seconds.toFixed(1)} | ${(messages / seconds).toFixed(0)} |`);
  }
  print(`Peak RSS at ${MEMORY_LARGE.toLocaleString("en")} messages / at ${MEMORY_SMALL.toLocaleString("en")}: ${(peaks[1]! / peaks[0]!).toFixed(2)}x (for ${MEMORY_LARGE / MEMORY_SMALL}x the messages)`);
});

it("webhook to row: embedded and PostgreSQL, beside a receiver that only verifies", async () => {
  print(`\nWebhook to row: ${LATENCY_SAMPLES} InboundMessage webhooks one after another, from the fake's event to the committed row (ms)`);
  print("| receiver | p50 | p95 | max | vs verify only (p50) |");
  print("|---|---:|---:|---:|---:|");
  const fixtures = seededLocation({ conversations: 200, messages: 2_000, seed: 3 });

  async function measure(receive: (fake: ReturnType<typeof createFake>, done: () => void) => Promise<{ url: string; stop: () => Promise<void> }>) {
    const fake = createFake({ seed: 3, fixtures, rateLimit: false });
    let resolveDone: () => void = () => {};
    const receiver = await receive(fake, () => resolveDone());
    fake.webhooks.setUrls({ appUrl: receiver.url });
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const done = new Promise<void>((resolve) => (resolveDone = resolve));
      const startedAt = performance.now();
      fake.simulateInbound({ conversationId: `conv${String(i % 200).padStart(16, "0")}`, body: `bench ${i}` });
      await done;
      samples.push(performance.now() - startedAt);
    }
    await receiver.stop();
    return samples;
  }

  const verifyOnly = await measure(async (fake, done) => {
    const server = createServer(createNodeHandler(() => done(), { publicKeys: [fake.webhooks.publicKey] }));
    const loopback = await listenOnLoopback(server);
    return { url: `${loopback.url}/webhooks`, stop: loopback.close };
  });
  const row = (name: string, samples: number[]) =>
    print(`| ${name} | ${quantile(samples, 0.5).toFixed(2)} | ${quantile(samples, 0.95).toFixed(2)} | ${Math.max(...samples).toFixed(2)} | ${(quantile(samples, 0.5) / quantile(verifyOnly, 0.5)).toFixed(2)}x |`);
  row("verify only (baseline)", verifyOnly);

  const postgres = await startPostgres();
  try {
    for (const [name, database] of [
      ["embedded (PGlite)", await embeddedDirectory()],
      ["PostgreSQL 15", postgres.url],
    ] as const) {
      const samples = await measure(async (fake, done) => {
        const sync = await createMirrorSync({ locationId: LOCATION_ID, token: "bench", baseUrl: "http://fake.invalid", fetch: fake.fetch, database, share: 1 });
        await sync.backfill();
        const follower = await follow(sync, { publicKeys: [fake.webhooks.publicKey], reconcileEveryMs: 3_600_000, onWebhook: () => done() });
        return {
          url: follower.url,
          stop: async () => {
            await follower.stop();
            await sync.close();
          },
        };
      });
      row(name, samples);
    }
  } finally {
    await postgres.stop();
  }
  print(`\nNode ${process.version}, load average ${(await import("node:os")).loadavg().map((n) => n.toFixed(1)).join(" ")} at the end`);
});
