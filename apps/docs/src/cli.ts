#!/usr/bin/env node
// The docs' part of `pnpm start` (turbo runs every package's `mock` script): serves the API
// reference beside the API mock until interrupted, and prints where.
import { serveDocs } from "./docs-server.js";

const port = Number(process.env.DOCS_PORT ?? 4020);
const docs = await serveDocs({ port });
console.log(`Conversations API reference (Redocly) served on ${docs.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void docs.stop().then(() => process.exit(0));
  });
}
