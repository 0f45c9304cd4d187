// `pnpm bench`: per-call throughput of this client, bare openapi-fetch, raw fetch and the vendor's
// SDK (@gohighlevel/api-client, axios), each calling GET /conversations/search one call at a time,
// plus this client on a stub that takes the attempt's signal (the cost of per-attempt cancellation)
// and with a token provider instead of a static token (asked before every attempt: answering
// synchronously from its own cache, as @conversations-api/fleet's does, or with a promise),
// (1) on the same stubbed transport (no network: the per-call overhead of the client itself) and
// (2) against the same loopback node:http server. Then the gzipped size of the client entry.
// validateResponses at sample 1, 0.01 and 0 (the wrapper alone) beside the client without it, on the stub: each of the four
// turns the event loop after every call (setImmediate), so that the checks, which run on a timer
// after the call, are paid inside the measured time.
// Run `pnpm build` first (turbo's bench task does). Options: BENCH_SECONDS (default 0.25 per round),
// BENCH_ROUNDS (default 15; each figure is the median). Many short rounds average out the drift of a
// shared machine better than a few long ones.
import { execFileSync, fork } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { HighLevel } from "@gohighlevel/api-client";
import { createConversationsClient } from "../dist/index.js";
import { validateResponses } from "../dist/validate/index.js";
import { sharedValidator } from "@conversations-api/validator";

const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 0.25);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const TOKEN = "bench-token";
const VERSION = "2021-04-15";
const QUERY = { locationId: "ABCHkzuJQ8ZMd4Te84GK", limit: 20 };

const conversation = {
  id: "ABCHkzuJQ8ZMd4Te84GK", contactId: "ABCHkzuJQ8ZMd4Te84GK", locationId: "ABCHkzuJQ8ZMd4Te84GK",
  lastMessageBody: "This is a sample message body", lastMessageType: "TYPE_SMS", type: "TYPE_PHONE",
  unreadCount: 1, fullName: "John Doe", contactName: "John Doe Company", email: "johndoe@mailingdomain.com",
  phone: "+15550001234",
};
const BODY = JSON.stringify({ conversations: Array.from({ length: 20 }, () => conversation), total: 100 });

// --- the stubbed transport: the same fetch for all four (the vendor's axios reaches it through
// axios's fetch adapter), answering a fresh Response that each client reads as a real one ---
const stubFetch = async () =>
  new Response(BODY, { status: 200, headers: { "Content-Type": "application/json", "Content-Length": String(BODY.length) } });
// The same stub, but reading the attempt's signal as a real fetch does (this client creates the
// AbortController behind it only when asked): the cost of per-attempt cancellation.
const stubFetchTakingSignal = async (request, init) => (init.signal, stubFetch());

function contenders(baseUrl, stubbed) {
  const fetchImpl = stubbed ? stubFetch : (request) => fetch(request);
  const ours = createConversationsClient({ token: TOKEN, baseUrl, ...(stubbed ? { fetch: stubFetch } : {}) });
  const bare = createClient({ baseUrl, headers: { Authorization: `Bearer ${TOKEN}`, Version: VERSION }, fetch: fetchImpl });
  const vendor = new HighLevel({ privateIntegrationToken: TOKEN, apiVersion: VERSION, logLevel: "error" });
  vendor.httpClient.defaults.baseURL = baseUrl;
  // The same stubbed fetch, through axios's own fetch adapter.
  if (stubbed) Object.assign(vendor.httpClient.defaults, { adapter: "fetch", env: { ...vendor.httpClient.defaults.env, fetch: stubFetch } });
  const url = `${baseUrl}/conversations/search?locationId=${QUERY.locationId}&limit=${QUERY.limit}`;
  const headers = { Authorization: `Bearer ${TOKEN}`, Version: VERSION };
  const oursTakingSignal = stubbed && createConversationsClient({ token: TOKEN, baseUrl, fetch: stubFetchTakingSignal });
  const oursSyncProvider = stubbed && createConversationsClient({ token: () => TOKEN, baseUrl, fetch: stubFetch });
  const oursAsyncProvider = stubbed && createConversationsClient({ token: async () => TOKEN, baseUrl, fetch: stubFetch });
  // validateResponses checks on a timer after the call: these contenders (and their baseline) turn
  // the event loop after each call, so that the checks run inside the measured time, not later.
  const validating = (sample) =>
    stubbed && createConversationsClient({ token: TOKEN, baseUrl, fetch: stubFetch, validateResponses: validateResponses({ sample, onDrift: () => {} }) });
  const [oursValidatingAll, oursValidatingSome, oursValidatingNone] = [validating(1), validating(0.01), validating(0)];
  // The baseline: a client of its own without the option (not `ours`, so that no two contenders share one).
  const oursWithout = stubbed && createConversationsClient({ token: TOKEN, baseUrl, fetch: stubFetch });
  const turned = (client) => async () => {
    const { data } = await client.GET("/conversations/search", { params: { query: QUERY } });
    await new Promise(setImmediate);
    return data;
  };
  return {
    "this client": async () => (await ours.GET("/conversations/search", { params: { query: QUERY } })).data,
    ...(stubbed && {
      "this client, signal taken": async () => (await oursTakingSignal.GET("/conversations/search", { params: { query: QUERY } })).data,
      "this client, sync token provider": async () => (await oursSyncProvider.GET("/conversations/search", { params: { query: QUERY } })).data,
      "this client, async token provider": async () => (await oursAsyncProvider.GET("/conversations/search", { params: { query: QUERY } })).data,
      "this client, loop turned per call": turned(oursWithout),
      "validateResponses sample: 1": turned(oursValidatingAll),
      "validateResponses sample: 0.01": turned(oursValidatingSome),
      "validateResponses sample: 0": turned(oursValidatingNone),
    }),
    "bare openapi-fetch": async () => (await bare.GET("/conversations/search", { params: { query: QUERY } })).data,
    "raw fetch": async () => (await fetchImpl(new Request(url, { headers }))).json(),
    "vendor SDK 3.1.0": () => vendor.conversations.searchConversation(QUERY),
  };
}

async function opsPerSecond(call) {
  globalThis.gc?.(); // nobody pays for the garbage of the contender before it (`node --expose-gc`)
  for (let i = 0; i < 200; i++) await call(); // warm-up (JIT, keep-alive sockets)
  let calls = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 50; i++) await call();
    calls += 50;
  }
  return calls / ((performance.now() - started) / 1000);
}

/**
 * Median of ROUNDS rounds. The contenders take turns, starting with a different one each round, so
 * that drift and order hit them all alike.
 */
async function measure(clients) {
  const samples = Object.fromEntries(Object.keys(clients).map((name) => [name, []]));
  const entries = Object.entries(clients);
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, call] of [...entries.slice(round % entries.length), ...entries.slice(0, round % entries.length)]) {
      const result = await call();
      if (result?.conversations?.length !== 20) throw new Error(`${name} returned no page`);
      samples[name].push(await opsPerSecond(call));
    }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, values.sort((a, b) => a - b)[ROUNDS >> 1]]));
}

const server = fork(join(packageDir, "bench/server.mjs"), [BODY], { stdio: "inherit" });
const { url: loopbackUrl } = await new Promise((resolve) => server.once("message", resolve));
try {
  console.log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}; ${SECONDS} s x ${ROUNDS} rounds per figure (median), sequential calls\n`);
  const stubbed = await measure(contenders("https://services.leadconnectorhq.com", true));
  const loopback = await measure(contenders(loopbackUrl, false));

  const ratio = (value, base) => `${(value / base).toFixed(2)}x`;
  const rows = Object.keys(stubbed).map((name) => ({
    client: name,
    "stubbed ops/s": Math.round(stubbed[name]),
    "vs openapi-fetch": ratio(stubbed[name], stubbed["bare openapi-fetch"]),
    "vs vendor": ratio(stubbed[name], stubbed["vendor SDK 3.1.0"]),
    "loopback ops/s": loopback[name] ? Math.round(loopback[name]) : "",
    "vs raw fetch": loopback[name] ? ratio(loopback[name], loopback["raw fetch"]) : "",
    "vs openapi-fetch ": loopback[name] ? ratio(loopback[name], loopback["bare openapi-fetch"]) : "",
    "vs vendor ": loopback[name] ? ratio(loopback[name], loopback["vendor SDK 3.1.0"]) : "",
  }));
  console.table(rows);

  const sizeLimit = join(dirname(require.resolve("size-limit/package.json")), "bin.js");
  const [size] = JSON.parse(execFileSync(process.execPath, [sizeLimit, "--json"], { cwd: packageDir, encoding: "utf8" }));
  console.log(`\nclient entry with openapi-fetch, minified + gzipped: ${size.size} B (budget ${size.sizeLimit} B)`);
  // The vendor SDK the same way (esbuild, minified, gzip -9), for node, without its optional mongodb.
  const vendorBundle = await build({
    stdin: { contents: 'export { HighLevel } from "@gohighlevel/api-client";', resolveDir: packageDir },
    bundle: true, minify: true, format: "esm", platform: "node", external: ["mongodb"], write: false, logLevel: "error",
  });
  console.log(`vendor SDK 3.1.0 (with axios, without mongodb), minified + gzipped: ${gzipSync(vendorBundle.outputFiles[0].contents, { level: 9 }).length} B`);

  const ours = rows[0];
  const signalCost = 1 - stubbed["this client, signal taken"] / stubbed["this client"];
  console.log(`per-attempt cancellation (the signal taken) costs ${(signalCost * 100).toFixed(1)}% of a stubbed call`);
  for (const kind of ["sync", "async"]) {
    const cost = 1 - stubbed[`this client, ${kind} token provider`] / stubbed["this client"];
    console.log(`a ${kind} token provider, asked before every attempt, costs ${(cost * 100).toFixed(1)}% of a stubbed call (static token: none)`);
  }
  // What one check costs by itself: the validator on the same 20-conversation page, in a loop.
  const validator = sharedValidator(VERSION);
  const page = JSON.parse(BODY);
  const answer = { status: 200, headers: new Headers({ "Content-Type": "application/json" }), body: page };
  for (let i = 0; i < 500; i++) validator.response("search-conversation", answer);
  const checks = 5_000;
  const checkStarted = performance.now();
  for (let i = 0; i < checks; i++) validator.response("search-conversation", answer);
  const checkMicroseconds = ((performance.now() - checkStarted) * 1000) / checks;
  console.log(`one check of the page (validator.response, compiled): ${checkMicroseconds.toFixed(1)} µs, ${((checkMicroseconds / (1e6 / stubbed["this client"])) * 100).toFixed(1)}% of a stubbed call`);
  for (const sample of ["1", "0.01", "0"]) {
    const ratio = stubbed[`validateResponses sample: ${sample}`] / stubbed["this client, loop turned per call"];
    console.log(`validateResponses({ sample: ${sample} }): ${ratio.toFixed(2)}x the client without it (stubbed, the event loop turned after each call)`);
  }
  const targets = [
    [`>= 0.9x bare openapi-fetch (stubbed): ${ours["vs openapi-fetch"]}`, stubbed["this client"] >= 0.9 * stubbed["bare openapi-fetch"]],
    [`>= 0.85x raw fetch (loopback): ${ours["vs raw fetch"]}`, loopback["this client"] >= 0.85 * loopback["raw fetch"]],
    [`>= 3x the vendor SDK (stubbed): ${ours["vs vendor"]}`, stubbed["this client"] >= 3 * stubbed["vendor SDK 3.1.0"]],
    [`<= ${size.sizeLimit} B gzipped (the size-limit budget): ${size.size} B`, size.passed],
  ];
  for (const [label, met] of targets) console.log(`${met ? "met   " : "MISSED"} ${label}`);
} finally {
  server.kill();
}
