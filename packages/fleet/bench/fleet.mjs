// `pnpm bench:fleet`: N worker processes across M locations call a loopback API whose limit is
// HighLevel's scaled down (default 20 per second per location), for a fixed time, in three
// configurations: no budget, the in-process budget only, the Redis budget. Per configuration: the
// achieved share of the allowed rate, 429s, retries, failed calls and p95 latency.
//
// This first version runs against a small loopback server (below); the second pass of issue 13
// points it at the stateful fake and adds the vendor SDK's workers. Run `pnpm build` first
// (turbo's bench task does). Options: --workers 8 --locations 4 --max 20 --interval 1000
// --seconds 10 --share 0.95 --configs none,memory,redis
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { connect, createServer as createNetServer } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    workers: { type: "string", default: "8" },
    locations: { type: "string", default: "4" },
    max: { type: "string", default: "20" },
    interval: { type: "string", default: "1000" },
    seconds: { type: "string", default: "10" },
    share: { type: "string", default: "0.95" },
    configs: { type: "string", default: "none,memory,redis" },
  },
});
const WORKERS = Number(values.workers);
const LOCATIONS = Number(values.locations);
const LIMIT = { max: Number(values.max), intervalMs: Number(values.interval) };
const SECONDS = Number(values.seconds);
const SHARE = Number(values.share);

/** The loopback API: `max` per `intervalMs` per locationId over a sliding window; 429 + Retry-After 1 over it. */
async function startLimitedApi() {
  const log = []; // { at, status }
  const accepted = new Map(); // locationId -> times of the 200s still inside the window
  const server = createServer((request, response) => {
    request.resume();
    const at = Date.now();
    const location = new URL(request.url, "http://x").searchParams.get("locationId") ?? "";
    const recent = accepted.get(location) ?? [];
    accepted.set(location, recent);
    while (recent.length > 0 && recent[0] <= at - LIMIT.intervalMs) recent.shift();
    const inWindow = recent.length;
    const status = inWindow >= LIMIT.max ? 429 : 200;
    if (status === 200) recent.push(at);
    log.push({ at, status });
    const headers = {
      "content-type": "application/json",
      "x-ratelimit-max": String(LIMIT.max),
      "x-ratelimit-interval-milliseconds": String(LIMIT.intervalMs),
      "x-ratelimit-remaining": String(Math.max(0, LIMIT.max - inWindow - 1)),
    };
    if (status === 429) response.writeHead(429, { ...headers, "retry-after": "1" }).end('{"statusCode":429,"message":"Too many requests"}');
    else response.writeHead(200, headers).end('{"conversations":[],"total":0}');
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    log,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

/** Debian's redis-server on a free port, no persistence, answering before the run; stopped by PID. */
async function startRedis() {
  const port = await new Promise((resolve) => {
    const probe = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const binary = process.env.REDIS_SERVER_PATH ?? "redis-server";
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  await new Promise((resolve, reject) => {
    child.once("error", (error) => reject(new Error(`${binary} could not start (${error.message}): apt-get install -y redis-server`)));
    const poll = () =>
      connect(port, "127.0.0.1")
        .once("connect", function () {
          this.destroy();
          resolve();
        })
        .once("error", () => setTimeout(poll, 50));
    poll();
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGTERM"))) };
}

/** Starts a worker; `ready` resolves once it has loaded, `start(at)` lets it go, `result` is its outcome. */
function startWorker(input) {
  const child = spawn(process.execPath, [fileURLToPath(new URL("worker.mjs", import.meta.url)), JSON.stringify(input)], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  let onReady;
  const ready = new Promise((resolve) => (onReady = resolve));
  child.stdout.on("data", (chunk) => {
    out += chunk;
    if (out.startsWith("ready\n")) onReady();
  });
  const result = new Promise((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop())) : reject(new Error(`worker exited with ${code}`)))),
  );
  return { ready, result, start: (at) => child.stdin.end(`${at}\n`) };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const rows = [];
const redis = values.configs.includes("redis") ? await startRedis() : undefined;
try {
  for (const config of values.configs.split(",")) {
    const api = await startLimitedApi();
    const workers = Array.from({ length: WORKERS }, (_, i) =>
      startWorker({ config, url: api.url, redisUrl: redis?.url, location: `loc-${i % LOCATIONS}`, share: SHARE, limit: LIMIT, seconds: SECONDS }),
    );
    await Promise.all(workers.map((worker) => worker.ready)); // process start-up is not part of the run
    const startAt = Date.now() + 200;
    for (const worker of workers) worker.start(startAt);
    const results = await Promise.all(workers.map((worker) => worker.result));
    await api.close();
    const end = startAt + SECONDS * 1000;
    const inTime = api.log.filter((entry) => entry.at >= startAt && entry.at < end);
    const allowed = LOCATIONS * LIMIT.max * ((SECONDS * 1000) / LIMIT.intervalMs);
    const calls = results.reduce((sum, r) => sum + r.calls, 0);
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    rows.push({
      config,
      share: `${((100 * inTime.filter((e) => e.status === 200).length) / allowed).toFixed(1)}%`,
      "429s": api.log.filter((e) => e.status === 429).length,
      retries: api.log.length - calls,
      failed: results.reduce((sum, r) => sum + r.failed, 0),
      calls,
      p95: `${percentile(latencies, 95).toFixed(0)} ms`,
    });
  }
} finally {
  await redis?.stop();
}

console.log(`\n${WORKERS} workers, ${LOCATIONS} locations, limit ${LIMIT.max} per ${LIMIT.intervalMs} ms per location, ${SECONDS} s, budget share ${SHARE}`);
console.log(`| configuration | achieved share of the allowed rate | 429s | retries | failed calls | calls | p95 latency |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const row of rows) console.log(`| ${row.config} | ${row.share} | ${row["429s"]} | ${row.retries} | ${row.failed} | ${row.calls} | ${row.p95} |`);
