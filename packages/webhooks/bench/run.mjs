// `pnpm bench`: verified and parsed webhook events per second, one at a time (one verification in
// flight, so one core's worth), beside JSON.parse alone on the same body:
//   - JSON.parse alone (the floor: what a receiver that verifies nothing pays)
//   - unwrap, Ed25519 (x-ghl-signature): signature, parse, window; a replay store that takes every id
//   - unwrap, Ed25519 with the default in-memory replay store (a new webhookId per event)
//   - unwrap, Ed25519 with validate: true (Ajv, the spec's schema)
//   - unwrap, legacy RSA-SHA256 4096-bit (x-wh-signature, opted in)
// Run `pnpm build` first (turbo's bench task does). BENCH_SECONDS (default 0.25 per round) and
// BENCH_ROUNDS (default 9; each figure is the median).
import { cpus, loadavg } from "node:os";
import { MemoryReplayStore, unwrap } from "../dist/index.js";
import { exampleEvent, generateSigningKeys, signedDelivery } from "../dist/testing/index.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 0.25);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

const [ed25519, rsa] = await Promise.all([generateSigningKeys(), generateSigningKeys({ algorithm: "RSA-SHA256" })]);
const payload = exampleEvent("InboundMessage", "email");
const now = Date.now();
const clock = () => now;
/** A store that takes every id: the figure is then the signature, the parsing and the window alone. */
const acceptEveryId = { claim: async () => true, release: async () => {} };

const edDelivery = await signedDelivery(payload, { keys: ed25519, now: clock });
const rsaDelivery = await signedDelivery(payload, { keys: rsa, now: clock });
// Distinct webhookIds for the in-memory store, signed up front so that signing is not measured.
const distinct = await Promise.all(Array.from({ length: 20_000 }, () => signedDelivery(payload, { keys: ed25519, now: clock })));
let next = 0;
let memoryStore = new MemoryReplayStore();

const contenders = {
  "JSON.parse alone": async () => JSON.parse(edDelivery.body),
  "unwrap, Ed25519": () => unwrap(edDelivery.body, edDelivery.headers, { publicKeys: [ed25519.publicKey], now: clock, replayStore: acceptEveryId }),
  "unwrap, Ed25519 + memory replay store": () => {
    if (next === distinct.length) [next, memoryStore] = [0, new MemoryReplayStore()];
    const { body, headers } = distinct[next++];
    return unwrap(body, headers, { publicKeys: [ed25519.publicKey], now: clock, replayStore: memoryStore });
  },
  "unwrap, Ed25519 + validate": () =>
    unwrap(edDelivery.body, edDelivery.headers, { publicKeys: [ed25519.publicKey], now: clock, replayStore: acceptEveryId, validate: true }),
  "unwrap, RSA-SHA256 4096 (legacy)": () =>
    unwrap(rsaDelivery.body, rsaDelivery.headers, { publicKeys: [ed25519.publicKey], legacyRsaPublicKeys: [rsa.publicKey], now: clock, replayStore: acceptEveryId }),
};

async function eventsPerSecond(call) {
  globalThis.gc?.();
  for (let i = 0; i < 100; i++) await call(); // warm-up: JIT, key import, Ajv compile
  let events = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 20; i++) await call();
    events += 20;
  }
  return events / ((performance.now() - started) / 1000);
}

const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
const entries = Object.entries(contenders);
console.log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}; ${SECONDS} s x ${ROUNDS} rounds per figure (median), one event at a time\n`);
for (let round = 0; round < ROUNDS; round++) {
  // Each round starts with another contender, so that drift hits them all alike.
  for (const [name, call] of [...entries.slice(round % entries.length), ...entries.slice(0, round % entries.length)]) {
    const event = await call();
    if (event.type !== "InboundMessage") throw new Error(`${name} did not return the event`);
    samples[name].push(await eventsPerSecond(call));
  }
}
const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
const baseline = median(samples["JSON.parse alone"]);
console.table(
  Object.entries(samples).map(([name, values]) => {
    const perSecond = median(values);
    return { contender: name, "events/s": Math.round(perSecond), "µs/event": (1e6 / perSecond).toFixed(1), "vs JSON.parse": `${(perSecond / baseline).toFixed(4)}x` };
  }),
);
console.log(`body: ${edDelivery.body.length} bytes (the spec's InboundMessage email example)`);
