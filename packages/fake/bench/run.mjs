// `pnpm bench`: requests per second of the fake through the client, in process (the fake's `fetch`
// as the client's fetch: no port, no sockets) and over HTTP (startFake on 127.0.0.1), beside Prism
// (apps/mock's startMock, the stateless mock) over HTTP, in one run. Each calls
// GET /conversations/search one call at a time and gets a page with one conversation.
// Run `pnpm build` first (turbo's bench task does). BENCH_SECONDS (default 0.5 per round) and
// BENCH_ROUNDS (default 7; each figure is the median), rotated so that drift hits all alike.
import { cpus, loadavg } from "node:os";
import { createConversationsClient } from "@conversations-api/client";
import { startMock } from "@conversations-api/mock";
import { createFake, exampleFixtures, startFake } from "../dist/index.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 0.5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const QUERY = { locationId: "ABCHkzuJQ8ZMd4Te84GK", limit: 20 };

async function opsPerSecond(call) {
  globalThis.gc?.();
  for (let i = 0; i < 100; i++) await call(); // warm-up: JIT, compiled validators, keep-alive sockets
  let calls = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 20; i++) await call();
    calls += 20;
  }
  return calls / ((performance.now() - started) / 1000);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const inProcess = createFake({ fixtures: exampleFixtures, rateLimit: false });
const [overHttp, prism] = await Promise.all([startFake({ fixtures: exampleFixtures, rateLimit: false }), startMock()]);
try {
  const search = (client) => async () => {
    const { data, error } = await client.GET("/conversations/search", { params: { query: QUERY } });
    if (error || data.conversations.length !== 1) throw new Error(`unexpected answer: ${JSON.stringify(error ?? data)}`);
  };
  const contenders = {
    "fake, in process": search(createConversationsClient({ token: "bench-token", fetch: inProcess.fetch, maxRetries: 0 })),
    "fake, over HTTP": search(createConversationsClient({ token: "bench-token", baseUrl: overHttp.url, maxRetries: 0 })),
    "Prism (apps/mock), over HTTP": search(createConversationsClient({ token: "bench-token", baseUrl: prism.url, maxRetries: 0 })),
  };
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  const entries = Object.entries(contenders);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of [...entries.slice(round % entries.length), ...entries.slice(0, round % entries.length)]) samples[name].push(await opsPerSecond(call));
  }
  const prismRate = median(samples["Prism (apps/mock), over HTTP"]);
  console.log(`GET /conversations/search through @conversations-api/client, one call at a time; median of ${ROUNDS} rounds of ${SECONDS} s`);
  console.log(`node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((load) => load.toFixed(2)).join(" ")}\n`);
  console.log("| contender | requests/s | vs Prism |");
  console.log("|---|---:|---:|");
  for (const [name, values] of Object.entries(samples)) {
    const rate = median(values);
    console.log(`| ${name} | ${Math.round(rate).toLocaleString("en-US")} | ${(rate / prismRate).toFixed(2)}x |`);
  }
} finally {
  await Promise.all([overHttp.stop(), prism.stop()]);
}
