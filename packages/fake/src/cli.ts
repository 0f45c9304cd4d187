#!/usr/bin/env node
// `pnpm fake` / `conversations-api-fake`: serves a fake seeded with the spec's example data until
// interrupted, and prints where. FAKE_PORT (or --port) picks the port; 4030 by default.
import { parseArgs } from "node:util";
import { exampleFixtures } from "./fixtures/examples.js";
import { startFake } from "./server.js";

const { values } = parseArgs({ args: process.argv.slice(2).filter((arg) => arg !== "--"), options: { port: { type: "string" } } });
const port = Number(values.port ?? process.env.FAKE_PORT ?? 4030);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`conversations-api-fake: not a port: ${values.port ?? process.env.FAKE_PORT}`);
  process.exit(2);
}
const running = await startFake({ port, fixtures: exampleFixtures });
console.log(`Conversations API fake listening on ${running.url}`);
console.log(`try: curl -H 'Authorization: Bearer any' -H 'Version: 2021-04-15' '${running.url}/conversations/search?locationId=ABCHkzuJQ8ZMd4Te84GK'`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void running.stop().then(() => process.exit(0));
  });
}
