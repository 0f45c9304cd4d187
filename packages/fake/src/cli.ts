#!/usr/bin/env node
// `pnpm fake` / `conversations-api-fake`: serves a fake seeded with the spec's example data until
// interrupted, and prints where. FAKE_PORT (or --port) picks the port; 4030 by default.
// --webhook-url and --provider-url say where its signed webhooks go (or PUT /__fake/webhooks later).
// --search-lag-ms and --search-lag-searches give search production's eventual consistency (searchLag).
import { parseArgs } from "node:util";
import { ADMIN_PREFIX } from "./http/admin.js";
import { exampleFixtures } from "./fixtures/examples.js";
import { startFake } from "./server.js";
import { FakeUsageError } from "./usage-error.js";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    port: { type: "string" },
    "webhook-url": { type: "string" },
    "provider-url": { type: "string" },
    "search-lag-ms": { type: "string" },
    "search-lag-searches": { type: "string" },
  },
});
const port = Number(values.port ?? process.env.FAKE_PORT ?? 4030);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`conversations-api-fake: not a port: ${values.port ?? process.env.FAKE_PORT}`);
  process.exit(2);
}
const searchLag = {
  ...(values["search-lag-ms"] !== undefined ? { ms: Number(values["search-lag-ms"]) } : {}),
  ...(values["search-lag-searches"] !== undefined ? { searches: Number(values["search-lag-searches"]) } : {}),
};
let running: Awaited<ReturnType<typeof startFake>>;
try {
  running = await startFake({
    port,
    fixtures: exampleFixtures,
    webhooks: { appUrl: values["webhook-url"] ?? null, providerUrl: values["provider-url"] ?? null },
    ...(Object.keys(searchLag).length ? { searchLag } : {}),
  });
} catch (error) {
  if (!(error instanceof FakeUsageError)) throw error;
  console.error(`conversations-api-fake: ${error.message}`);
  process.exit(2);
}
const { webhooks } = running.fake;
console.log(`Conversations API fake listening on ${running.url}`);
console.log(`try: curl -H 'Authorization: Bearer any' -H 'Version: 2021-04-15' '${running.url}/conversations/search?locationId=ABCHkzuJQ8ZMd4Te84GK'`);
console.log(`webhooks: signed with the ${webhooks.algorithm} public key ${webhooks.publicKey}`);
console.log(`  to ${webhooks.urls.appUrl ?? "(no app URL)"}, provider deliveries to ${webhooks.urls.providerUrl ?? "(no provider URL)"}; admin: ${running.url}${ADMIN_PREFIX}/`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void running.stop().then(() => process.exit(0));
  });
}
