#!/usr/bin/env node
// `pnpm mock`: serves the spec with Prism until interrupted, and prints where.
import { startMock } from "./prism.js";

const port = Number(process.env.MOCK_PORT ?? 4010);
const mock = await startMock({ port, logLevel: "info" });
console.log(`Conversations API mock (Prism) listening on ${mock.url}`);
console.log(`try: curl -H 'Authorization: Bearer any' -H 'Version: 2021-04-15' '${mock.url}/conversations/search?locationId=demo'`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void mock.stop().then(() => process.exit(0));
  });
}
