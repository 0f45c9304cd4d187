// `pnpm bench:fleet` (root; in this package `pnpm bench`): N worker processes (default 8) across
// M locations (default 4) search conversations on the stateful fake (`startFake` on 127.0.0.1, its
// per-location limit scaled down to 20 per second, a token per location) for a fixed time, once per
// configuration, all in one run:
// - none:   this client alone, retrying a 429 after its Retry-After (no budget): the baseline;
// - memory: each worker with a budget of its own process (`createRateLimitBudget()`);
// - redis:  the budget shared on Redis (`redisBudgetStore`, on @test/support's redis-server);
// - vendor: the vendor's SDK (`@gohighlevel/api-client` 3.1.0, its opt-in 429 retries).
// Per configuration: the requests the fake got, the 429s it sent, the throughput as a share of the
// allowed rate (200s in the run's time / (locations x max per interval x intervals)), retries
// (requests the fake got minus calls made), failed calls, the calls' p50 and p95 latency (budget
// waits and retries included), and the ratios of throughput, 429s and latency to the baseline.
// One markdown table for all of them. The root script builds first.
// Options (env): FLEET_BENCH_WORKERS=8 FLEET_BENCH_LOCATIONS=4 FLEET_BENCH_SECONDS=10
// FLEET_BENCH_MAX=20 FLEET_BENCH_INTERVAL_MS=1000 FLEET_BENCH_SHARE (default: the budget's own)
// FLEET_BENCH_CONFIGS=none,memory,redis,vendor
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { createFake, startFake } from "@conversations-api/fake";
import { DEFAULT_SHARE } from "@conversations-api/fleet";
import { startRedis } from "@test/support/redis";

const env = (name, fallback) => process.env[`FLEET_BENCH_${name}`] ?? fallback;
const WORKERS = Number(env("WORKERS", 8));
const LOCATIONS = Number(env("LOCATIONS", 4));
const SECONDS = Number(env("SECONDS", 10));
const LIMIT = { max: Number(env("MAX", 20)), intervalMs: Number(env("INTERVAL_MS", 1000)) };
const SHARE = process.env.FLEET_BENCH_SHARE === undefined ? undefined : Number(process.env.FLEET_BENCH_SHARE);
const CONFIGS = env("CONFIGS", "none,memory,redis,vendor").split(",");

const LABELS = {
  none: "no budget: this client alone (its 429 retries)",
  memory: "a budget per worker process (`createRateLimitBudget()`)",
  redis: "**the budget shared on Redis** (`redisBudgetStore`)",
  vendor: "vendor SDK 3.1.0 (`rateLimitRetry: true`)",
};
for (const config of CONFIGS) if (!LABELS[config]) throw new Error(`FLEET_BENCH_CONFIGS: no configuration "${config}" (${Object.keys(LABELS).join(", ")})`);

const locations = Array.from({ length: LOCATIONS }, (_, i) => `bench-location-${i}`);
const tokenOf = (location) => `token-${location}`;

/** The fake over HTTP with the scaled-down limit; every answer's arrival time and status recorded. */
async function startCountedFake() {
  const fake = createFake({
    rateLimit: { ...LIMIT, daily: 10_000_000 },
    tokens: Object.fromEntries(locations.map((locationId) => [tokenOf(locationId), { locationId }])),
    fixtures: {
      contacts: locations.flatMap((locationId) => Array.from({ length: 5 }, (_, i) => ({ id: `${locationId}-contact-${i}`, locationId, fullName: `Contact ${i}` }))),
      conversations: locations.flatMap((locationId) => Array.from({ length: 5 }, (_, i) => ({ locationId, contactId: `${locationId}-contact-${i}`, unreadCount: i }))),
    },
  });
  const answers = []; // { at, status }
  const counted = Object.create(fake, {
    handle: {
      value: async (request) => {
        const at = Date.now();
        const response = await fake.handle(request);
        answers.push({ at, status: response.status });
        return response;
      },
    },
  });
  return { server: await startFake({ fake: counted }), answers };
}

/** How long a worker may take to load, and past its deadline to finish its last call, before it is killed. */
const GRACE_MS = 15_000;

/** A worker process; `ready` once it has loaded, `start(at)` lets it go, `result` is its JSON line. */
function startWorker(input) {
  const child = spawn(process.execPath, [fileURLToPath(new URL("worker.mjs", import.meta.url)), JSON.stringify(input)], { stdio: ["pipe", "pipe", "inherit"] });
  // The run stays bounded: a worker that hangs is killed (by its PID) and fails the run.
  let killedFor;
  let timer;
  const killAfter = (ms, why) => {
    clearTimeout(timer);
    timer = setTimeout(() => ((killedFor = why), child.kill("SIGKILL")), ms);
  };
  killAfter(GRACE_MS, "it did not get ready");
  let out = "";
  let onReady;
  const ready = new Promise((resolve) => (onReady = resolve));
  child.stdout.on("data", (chunk) => {
    out += chunk;
    if (out.startsWith("ready\n")) onReady();
  });
  const result = new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out.trim().split("\n").pop()));
      else reject(new Error(`a ${input.config} worker exited with ${code ?? signal}${killedFor ? `: killed, as ${killedFor}` : ""}`));
    });
  });
  return {
    ready: Promise.race([ready, result]),
    result,
    start: (at) => {
      killAfter(at - Date.now() + input.seconds * 1000 + GRACE_MS, "it ran past its deadline");
      child.stdin.end(`${at}\n`);
    },
    kill: () => child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"),
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Starts the workers together, and waits for their results; none is left running, whatever happens. */
async function runWorkers(inputs) {
  const workers = inputs.map(startWorker);
  try {
    await Promise.all(workers.map((worker) => worker.ready)); // process start-up is not part of the run
    const startAt = Date.now() + 300;
    for (const worker of workers) worker.start(startAt);
    return { startAt, results: await Promise.all(workers.map((worker) => worker.result)) };
  } finally {
    for (const worker of workers) worker.kill();
  }
}

async function run(config, redisUrl) {
  const { server, answers } = await startCountedFake();
  try {
    const { startAt, results } = await runWorkers(
      Array.from({ length: WORKERS }, (_, i) => {
        const location = locations[i % LOCATIONS];
        return { config, url: server.url, token: tokenOf(location), location, redisUrl, share: SHARE, seconds: SECONDS };
      }),
    );
    const end = startAt + SECONDS * 1000;
    const allowed = LOCATIONS * LIMIT.max * ((SECONDS * 1000) / LIMIT.intervalMs);
    const succeeded = answers.filter(({ at, status }) => at >= startAt && at < end && status === 200).length;
    const calls = results.reduce((sum, result) => sum + result.calls, 0);
    const failures = {};
    for (const result of results) for (const [what, count] of Object.entries(result.failures)) failures[what] = (failures[what] ?? 0) + count;
    const latencies = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
    const other = answers.filter(({ status }) => status !== 200 && status !== 429).length;
    if (other > 0) throw new Error(`${config}: the fake answered ${other} requests with neither 200 nor 429: the bench is misconfigured`);
    return {
      config,
      requests: answers.length,
      share: succeeded / allowed,
      rejected: answers.filter(({ status }) => status === 429).length,
      retries: answers.length - calls,
      failed: Object.entries(failures).map(([what, count]) => `${count} (${what})`).join(", ") || "0",
      calls,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      notes: [...new Set(results.flatMap((result) => result.warnings).filter((line) => /Redis/.test(line)))],
    };
  } finally {
    await server.stop();
  }
}

const began = Date.now();
const loadBefore = loadavg();
const redis = CONFIGS.includes("redis") ? await startRedis() : undefined;
const rows = [];
try {
  for (const config of CONFIGS) {
    process.stderr.write(`fleet bench: ${config}...\n`);
    rows.push(await run(config, redis?.url));
  }
} finally {
  await redis?.stop();
}
const loadAfter = loadavg();

const baseline = rows.find((row) => row.config === "none");
const ratio = (value, base) => (base === undefined ? "" : base === 0 ? (value === 0 ? "1.00x" : "n/a") : `${(value / base).toFixed(2)}x`);
const ms = (value) => `${value.toFixed(0)} ms`;
const loads = (values) => values.map((value) => value.toFixed(2)).join(" ");

const settings = Object.entries({ WORKERS, LOCATIONS, SECONDS, MAX: LIMIT.max, INTERVAL_MS: LIMIT.intervalMs, ...(SHARE !== undefined && { SHARE }), CONFIGS: CONFIGS.join(",") });
console.log(`\nReproduce: \`${settings.map(([name, value]) => `FLEET_BENCH_${name}=${value}`).join(" ")} pnpm bench:fleet\``);
console.log(
  `\n${WORKERS} worker processes, ${LOCATIONS} locations (${WORKERS / LOCATIONS} workers each), the fake's limit ${LIMIT.max} per ${LIMIT.intervalMs} ms per location, ` +
    `${SECONDS} s per configuration, budget share ${SHARE ?? `${DEFAULT_SHARE} (the default)`}; ` +
    `Node ${process.version}, ${cpus().length} CPUs, load average (1, 5, 15 min) ${loads(loadBefore)} before and ${loads(loadAfter)} after; ` +
    `${((Date.now() - began) / 1000).toFixed(0)} s in all.\n`,
);
console.log(
  "| configuration | requests | 429s | retries | failed calls | calls | throughput (% of the limit) | p50 | p95 | throughput vs none | 429s vs none | p50 vs none | p95 vs none |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const row of rows) {
  console.log(
    `| ${LABELS[row.config]} | ${row.requests} | ${row.rejected} | ${row.retries} | ${row.failed} | ${row.calls} | ${(100 * row.share).toFixed(1)}% | ${ms(row.p50)} | ${ms(row.p95)} | ` +
      `${ratio(row.share, baseline?.share)} | ${ratio(row.rejected, baseline?.rejected)} | ${ratio(row.p50, baseline?.p50)} | ${ratio(row.p95, baseline?.p95)} |`,
  );
}
for (const row of rows) for (const note of row.notes) console.log(`\n${row.config}: a worker logged "${note}"`);
const redisRow = rows.find((row) => row.config === "redis");
if (redisRow) {
  const met = redisRow.share >= 0.95 && redisRow.rejected === 0;
  console.log(`\nTarget, the Redis budget at >= 95% of the limit with no 429: ${met ? "met" : "NOT met"} (${(100 * redisRow.share).toFixed(1)}%, ${redisRow.rejected} 429s).`);
}
