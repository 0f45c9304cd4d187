// `pnpm bench`: verified and parsed webhook events per second, over the built package, in one run:
// the signed path (x-ghl-signature, Ed25519) and the unsigned one of a provider's Delivery URL (the
// URL's secret, the messageId claimed in the replay store), each one event at a time and with 100
// in flight, beside the machine's ceiling: node:crypto's synchronous Ed25519 verify + JSON.parse of
// the same body, on one core (one at a time) and on both (two worker threads: the 100-in-flight
// column's ceiling).
//
//   - ceiling: node:crypto verify + JSON.parse       no event loop, no thread hand-off
//   - unwrap, signed: verification alone             a replay store that takes every id
//   - unwrap, signed + memory replay store           a new webhookId per event (the default store)
//   - unwrap, signed, urlSecret set (provider)       the signed path when the opt-in is on
//   - unwrap, unsigned: URL secret + messageId       the provider path: secret, parse, claim (memory store)
//   - baseline: unwrap, signed (<ref>)               the same as "verification alone", built from an
//                                                    earlier commit (`node bench/build-baseline.mjs <ref>`)
//   - thread-pool round trip                         crypto.subtle.digest of 1 byte: the hand-off alone
//   - JSON.parse alone                               the floor of a receiver that verifies nothing
//
// Three tables: (1) the figures, each the median of rounds in which the contenders take turns;
// (2) what a change costs, measured interleaved (A and B taking turns call by call, so that both see
// the same machine), with a control of the signed path against itself; (3) one at a time with the
// CPUs kept awake, beside the same calls as they are.
//
// Why a figure alone says little here: the machine is a VM shared with others, and the host's speed
// changes from hour to hour in ways the load average inside the VM does not show. The earlier bench
// printed events per second alone: its 2,074/s one at a time (2026-11-28, load 1.0) is 7,799/s for the
// same code and the same bench at load 1.3 on 2026-12-06. So every figure here sits beside a ceiling
// measured in the same run, a change's cost is measured interleaved, and the run prints its load
// average and the CPU time the hypervisor stole.
//
// Why one at a time is not the package's throughput: WebCrypto's verify is a job on libuv's thread
// pool, so each event is two hand-offs between threads (the job to a pool thread, its result back to
// the event loop); 100 in flight overlap them, and that is the column to compare with the all-core
// ceiling. The "CPU halts/event" column and table (3) check the other suspect for slow one-at-a-time
// figures on this VM, whose idle vCPUs halt at once (cpuidle driver haltpoll, guest_halt_poll_ns 0):
// the halts per event (all CPUs, every cpuidle state but POLL) and the same calls with no CPU idle.
//
// Run `pnpm build` first (turbo's bench task does). BENCH_SECONDS (default 0.25 per measurement),
// BENCH_ROUNDS (default 7; each figure is the median), BENCH_PAIRS (default 15 interleaved measurements).
import { verify as nodeVerify, createPublicKey } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import { MemoryReplayStore, unwrap } from "../dist/index.js";
import { exampleEvent, generateSigningKeys, signedDelivery } from "../dist/testing/index.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 0.25);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const IN_FLIGHT = 100;
const baselineEntry = new URL("../.scratch-baseline/dist/index.js", import.meta.url);
const baseline = existsSync(baselineEntry) ? await import(baselineEntry.href) : undefined;
const baselineRef = baseline ? readFileSync(new URL("../.scratch-baseline/REF", import.meta.url), "utf8").trim() : undefined;

const keys = await generateSigningKeys();
const payload = exampleEvent("InboundMessage", "email");
const providerPayload = exampleEvent("ProviderOutboundMessage", "sms");
const now = Date.now();
const clock = () => now;
/** A store that takes every id: the figure is then the signature, the parsing and the window alone. */
const acceptEveryId = { claim: async () => true, release: async () => {} };
const secret = "bench-delivery-url-secret-0123456789abcdef";
const requestUrl = `/highlevel/deliveries?secret=${secret}`;
const urlSecret = { secrets: [secret] };

const signed = await signedDelivery(payload, { keys, now: clock });
// Distinct ids for the replay stores, made up front so that signing is not measured.
const DISTINCT = 20_000;
const distinctSigned = await Promise.all(Array.from({ length: DISTINCT }, () => signedDelivery(payload, { keys, now: clock })));
const unsignedHeaders = { "content-type": "application/json" };
// As HighLevel sends them to a Delivery URL today: unsigned, without timestamp or webhookId.
const { timestamp: _timestamp, webhookId: _webhookId, ...unsignedPayload } = providerPayload;
const distinctUnsigned = Array.from({ length: DISTINCT }, (_, index) => JSON.stringify({ ...unsignedPayload, messageId: `bench-message-${index}` }));

/** Cycles through `items`; each time round, a fresh store (so no id is a replay). */
function cycling(items) {
  let next = 0;
  let store = new MemoryReplayStore();
  return () => {
    if (next === items.length) [next, store] = [0, new MemoryReplayStore()];
    return { item: items[next++], store };
  };
}
const nextSigned = cycling(distinctSigned);
// The same signed bodies at a provider's URL with urlSecret set: the same work but for the opt-in's check.
const nextProviderSigned = cycling(distinctSigned);
const nextUnsigned = cycling(distinctUnsigned);

// The ceiling's inputs, as node:crypto takes them.
const nodeKey = createPublicKey({ key: Buffer.from(keys.publicKey, "base64"), format: "der", type: "spki" });
const bodyBytes = Buffer.from(signed.body);
const signatureBytes = Buffer.from(signed.headers["x-ghl-signature"], "base64");
const digestInput = new Uint8Array(1);

const contenders = {
  "ceiling: node:crypto verify + JSON.parse": {
    sync: () => {
      if (!nodeVerify(null, bodyBytes, nodeKey, signatureBytes)) throw new Error("the signature does not verify");
      return JSON.parse(bodyBytes.toString("utf8"));
    },
  },
  "unwrap, signed: verification alone": {
    call: () => unwrap(signed.body, signed.headers, { publicKeys: [keys.publicKey], now: clock, replayStore: acceptEveryId }),
  },
  ...(baseline
    ? {
        [`baseline (${baselineRef}): unwrap, signed: verification alone`]: {
          call: () => baseline.unwrap(signed.body, signed.headers, { publicKeys: [keys.publicKey], now: clock, replayStore: acceptEveryId }),
        },
      }
    : {}),
  "unwrap, signed + memory replay store": {
    call: () => {
      const { item, store } = nextSigned();
      return unwrap(item.body, item.headers, { publicKeys: [keys.publicKey], now: clock, replayStore: store });
    },
  },
  "unwrap, signed, urlSecret set (provider) + memory store": {
    call: () => {
      const { item, store } = nextProviderSigned();
      return unwrap(item.body, item.headers, { endpoint: "provider", publicKeys: [keys.publicKey], now: clock, replayStore: store, urlSecret, requestUrl });
    },
  },
  "unwrap, unsigned: URL secret + messageId (memory store)": {
    call: () => {
      const { item, store } = nextUnsigned();
      return unwrap(item, unsignedHeaders, { endpoint: "provider", now: clock, replayStore: store, urlSecret, requestUrl });
    },
  },
  "thread-pool round trip (subtle.digest, 1 byte)": { call: () => crypto.subtle.digest("SHA-256", digestInput), roundTrip: true },
  "JSON.parse alone": { call: async () => JSON.parse(signed.body) },
};

/**
 * How many times the CPUs entered an idle state that halts them (every cpuidle state but POLL), all
 * CPUs together (Linux; undefined elsewhere): the wake-ups a measurement cost.
 */
function idleHalts() {
  try {
    let total = 0;
    for (const cpu of readdirSync("/sys/devices/system/cpu").filter((name) => /^cpu\d+$/.test(name))) {
      const states = `/sys/devices/system/cpu/${cpu}/cpuidle`;
      for (const state of readdirSync(states).filter((name) => /^state\d+$/.test(name))) {
        if (readFileSync(`${states}/${state}/name`, "utf8").trim() === "POLL") continue;
        total += Number(readFileSync(`${states}/${state}/usage`, "utf8"));
      }
    }
    return total;
  } catch {
    return undefined;
  }
}

/** Events per second of an async call with `inFlight` calls under way at all times, and the CPUs' halts per event. */
async function asyncRate(call, inFlight) {
  return asyncRateFor(call, inFlight, SECONDS);
}

async function asyncRateFor(call, inFlight, seconds) {
  const warmUp = async () => {
    for (let i = 0; i < Math.max(2, Math.ceil(200 / inFlight)); i++) await call();
  };
  await Promise.all(Array.from({ length: inFlight }, warmUp)); // JIT, key import
  let events = 0;
  const haltsBefore = idleHalts();
  const started = performance.now();
  const until = started + seconds * 1000;
  const lane = async () => {
    while (performance.now() < until) {
      for (let i = 0; i < 10; i++) await call();
      events += 10;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const rate = events / ((performance.now() - started) / 1000);
  const haltsAfter = idleHalts();
  return { rate, haltsPerEvent: haltsBefore === undefined || haltsAfter === undefined ? undefined : (haltsAfter - haltsBefore) / events };
}

/** The synchronous ceiling on this thread (one core). */
function syncRate(call) {
  for (let i = 0; i < 200; i++) call();
  let events = 0;
  const started = performance.now();
  while (performance.now() - started < SECONDS * 1000) {
    for (let i = 0; i < 20; i++) call();
    events += 20;
  }
  return events / ((performance.now() - started) / 1000);
}

// The ceiling on every core: worker threads running the synchronous loop, as many as unwrap keeps busy
// with 100 in flight (the event loop and libuv's thread pool, 4 threads by default), so that on a
// shared machine both get the same share of the CPUs; on a quiet one the cores decide either way.
const ceilingThreads = Math.max(cpus().length, 1 + Number(process.env.UV_THREADPOOL_SIZE ?? 4));
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const { verify, createPublicKey } = require("node:crypto");
const key = createPublicKey({ key: Buffer.from(workerData.publicKey, "base64"), format: "der", type: "spki" });
const body = Buffer.from(workerData.body);
const signature = Buffer.from(workerData.signature, "base64");
const call = () => { if (!verify(null, body, key, signature)) throw new Error("no"); return JSON.parse(body.toString("utf8")); };
parentPort.once("message", () => {
  for (let i = 0; i < 200; i++) call();
  let events = 0;
  const started = performance.now();
  while (performance.now() - started < workerData.seconds * 1000) { for (let i = 0; i < 20; i++) call(); events += 20; }
  parentPort.postMessage(events / ((performance.now() - started) / 1000));
});`;
async function allCoresRate() {
  const workerData = { publicKey: keys.publicKey, body: signed.body, signature: signed.headers["x-ghl-signature"], seconds: SECONDS };
  const workers = Array.from({ length: ceilingThreads }, () => new Worker(workerSource, { eval: true, workerData }));
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("online", resolve))));
  const rates = await Promise.all(
    workers.map((worker) => {
      const done = new Promise((resolve, reject) => (worker.once("message", resolve), worker.once("error", reject)));
      worker.postMessage("go");
      return done;
    }),
  );
  await Promise.all(workers.map((worker) => worker.terminate()));
  return rates.reduce((sum, rate) => sum + rate, 0);
}

/** The machine's CPU time so far (/proc/stat, Linux): all of it, and what the hypervisor stole. */
function cpuTimes() {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}
const timesAtStart = cpuTimes();
/** The share of the machine's CPU time the hypervisor took since the start: a slow host shows here, not in the load average. */
function stolenShare() {
  const now = cpuTimes();
  if (!timesAtStart || !now || now.total === timesAtStart.total) return "unknown";
  return `${((100 * (now.steal - timesAtStart.steal)) / (now.total - timesAtStart.total)).toFixed(1)}%`;
}

const modes = ["one at a time", `${IN_FLIGHT} in flight`];
const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, { [modes[0]]: [], [modes[1]]: [] }]));
const entries = Object.entries(contenders);
const loads = [loadavg()[0]];
console.log(
  `node ${process.version}, ${cpus().length} CPUs, load ${loads[0].toFixed(2)}; ${SECONDS} s per measurement, median of ${ROUNDS} rounds, contenders taking turns${
    baseline ? "" : "\n(no baseline: `node bench/build-baseline.mjs <git ref>` builds one)"
  }\n`,
);
for (let round = 0; round < ROUNDS; round++) {
  // Each round starts with another contender, so that drift hits them all alike.
  for (const [name, contender] of [...entries.slice(round % entries.length), ...entries.slice(0, round % entries.length)]) {
    if (!contender.roundTrip && !contender.sync) {
      const event = await contender.call();
      if (event.type !== "InboundMessage" && event.type !== "SMS") throw new Error(`${name} did not return the event`);
    }
    globalThis.gc?.();
    if (contender.sync) {
      samples[name][modes[0]].push({ rate: syncRate(contender.sync) });
      samples[name][modes[1]].push({ rate: await allCoresRate() });
    } else {
      samples[name][modes[0]].push(await asyncRate(contender.call, 1));
      samples[name][modes[1]].push(await asyncRate(contender.call, IN_FLIGHT));
    }
  }
  loads.push(loadavg()[0]);
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const figures = Object.fromEntries(
  Object.entries(samples).map(([name, byMode]) => [name, Object.fromEntries(modes.map((mode) => [mode, median(byMode[mode].map((sample) => sample.rate))]))]),
);
const halts = Object.fromEntries(
  Object.entries(samples).map(([name, byMode]) => {
    const perEvent = byMode[modes[0]].map((sample) => sample.haltsPerEvent).filter((value) => value !== undefined);
    return [name, perEvent.length > 0 ? median(perEvent) : undefined];
  }),
);
const ceiling = figures["ceiling: node:crypto verify + JSON.parse"];
const signedAlone = figures["unwrap, signed: verification alone"];
const rows = [];
for (const [name, byMode] of Object.entries(figures)) {
  const row = { contender: name };
  for (const mode of modes) {
    row[`${mode}: events/s`] = Math.round(byMode[mode]);
    row[`${mode}: vs ceiling`] = name.startsWith("thread-pool") || name.startsWith("JSON.parse") ? "" : `${(byMode[mode] / ceiling[mode]).toFixed(3)}x`;
    row[`${mode}: vs signed`] = name.startsWith("unwrap") || name.startsWith("baseline") ? `${(byMode[mode] / signedAlone[mode]).toFixed(3)}x` : "";
  }
  row["one at a time: CPU halts/event"] = halts[name] === undefined ? "" : halts[name].toFixed(2);
  rows.push(row);
}
console.table(rows);
console.log(
  `ceiling: one thread for "one at a time", ${ceilingThreads} worker threads on ${cpus().length} CPUs for "${IN_FLIGHT} in flight"; ` +
    `body ${signed.body.length} bytes (the spec's InboundMessage email example); load average ${Math.min(...loads).toFixed(2)} to ${Math.max(...loads).toFixed(2)} during the run`,
);

// What a change costs, measured interleaved: A and B take turns call by call (one at a time), or lane
// by lane (100 in flight: every lane alternates A and B), each call timed, so that both see the same
// machine at the same moment; the ratio of their mean latencies is the throughput of B against A. A
// run of ROUNDS such measurements gives the median ratio and its quartiles: load that drifts hits
// both alike, so a few per cent can be told apart on a shared machine.
const PAIRS = Number(process.env.BENCH_PAIRS ?? 15);
async function pairedRatio(a, b, inFlight) {
  const ratios = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    const elapsed = [0, 0];
    const calls = [0, 0];
    const until = performance.now() + SECONDS * 1000;
    const lane = async (first) => {
      for (let turn = first; performance.now() < until; turn ^= 1) {
        const started = performance.now();
        await (turn === 0 ? a : b)();
        elapsed[turn] += performance.now() - started;
        calls[turn] += 1;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, (_, index) => lane((index + pair) % 2)));
    ratios.push(elapsed[0] / calls[0] / (elapsed[1] / calls[1]));
  }
  ratios.sort((x, y) => x - y);
  return { median: ratios[ratios.length >> 1], low: ratios[Math.floor(ratios.length / 4)], high: ratios[Math.floor((3 * ratios.length) / 4)] };
}
const comparisons = [
  // A control: the same call against itself, the method's own noise.
  ["signed (this code) against itself: the noise", "unwrap, signed: verification alone", "unwrap, signed: verification alone"],
  ...(baseline ? [[`signed (this code) against the baseline (${baselineRef})`, `baseline (${baselineRef}): unwrap, signed: verification alone`, "unwrap, signed: verification alone"]] : []),
  ["signed + memory store: urlSecret set (provider) against not set", "unwrap, signed + memory replay store", "unwrap, signed, urlSecret set (provider) + memory store"],
];
const paired = [];
for (const [label, before, after] of comparisons) {
  for (const [mode, inFlight] of [[modes[0], 1], [modes[1], IN_FLIGHT]]) {
    const { median: ratio, low, high } = await pairedRatio(contenders[before].call, contenders[after].call, inFlight);
    paired.push({ "B against A": label, mode, median: `${ratio.toFixed(3)}x`, quartiles: `${low.toFixed(3)} to ${high.toFixed(3)}` });
  }
}
console.log(`\nInterleaved: ${PAIRS} measurements of ${SECONDS} s, A and B taking turns call by call; B's throughput against A's, median and quartiles (1.000x: no cost; 0.950x: 5% off)`);
console.table(paired);

// The cause of one-at-a-time figures, shown: the same calls with the CPUs kept awake by one spinning
// thread per CPU at the lowest priority (nice 19: any other thread that wakes takes the CPU from it
// at once), so that no CPU halts between events. Against the same calls as they are, in pairs.
const spinnerSource = `
const { workerData } = require("node:worker_threads");
require("node:os").setPriority(19); // this thread only (Linux)
const flag = new Int32Array(workerData.flag);
while (Atomics.load(flag, 0) === 0) {}`;
async function withCpusAwake(work) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const spinners = cpus().map(() => new Worker(spinnerSource, { eval: true, workerData: { flag: flag.buffer } }));
  await Promise.all(spinners.map((spinner) => new Promise((resolve) => spinner.once("online", resolve))));
  try {
    return await work();
  } finally {
    Atomics.store(flag, 0, 1);
    await Promise.all(spinners.map((spinner) => new Promise((resolve) => spinner.once("exit", resolve))));
  }
}
const awake = [];
for (const name of ["unwrap, signed: verification alone", "thread-pool round trip (subtle.digest, 1 byte)"]) {
  const asIs = [];
  const kept = [];
  for (let round = 0; round < ROUNDS; round++) {
    asIs.push(await asyncRate(contenders[name].call, 1));
    kept.push(await withCpusAwake(() => asyncRate(contenders[name].call, 1)));
  }
  const rate = (samples) => median(samples.map((sample) => sample.rate));
  const haltsOf = (samples) => {
    const values = samples.map((sample) => sample.haltsPerEvent).filter((value) => value !== undefined);
    return values.length > 0 ? median(values).toFixed(2) : "";
  };
  awake.push({
    "one at a time": name,
    "as is: events/s": Math.round(rate(asIs)),
    "as is: CPU halts/event": haltsOf(asIs),
    "CPUs kept awake: events/s": Math.round(rate(kept)),
    "CPUs kept awake: CPU halts/event": haltsOf(kept),
    "kept awake / as is": `${(rate(kept) / rate(asIs)).toFixed(2)}x`,
  });
}
console.log(`\nOne at a time, with the CPUs kept awake (a nice-19 spinning thread per CPU), median of ${ROUNDS} rounds each`);
console.table(awake);
console.log(`load average ${loadavg()[0].toFixed(2)} at the end; CPU time stolen by the hypervisor during the run: ${stolenShare()}`);
