#!/usr/bin/env node
// The breaking-change gate (see breaking-changes.mjs): exit 1 when the bundled spec would break
// clients of the last released spec and the change is not declared breaking; 2 when it cannot tell.
//
//   node spec/scripts/check-breaking-changes.mjs [--base spec/released/openapi.json]
//        [--head packages/types/openapi.json] [--changesets .changeset]
//
// It compares bundles: after editing the spec, `pnpm generate` (or `pnpm dev`) first.
import { parseArgs } from "node:util";
import { runGate } from "./breaking-changes.mjs";

const { values } = parseArgs({
  options: { base: { type: "string" }, head: { type: "string" }, changesets: { type: "string" } },
});

try {
  process.exitCode = await runGate({ basePath: values.base, headPath: values.head, changesetsDir: values.changesets });
} catch (error) {
  console.error(`breaking-change gate: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 2;
}
