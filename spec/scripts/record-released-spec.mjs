#!/usr/bin/env node
// Records the spec as released: copies the bundled spec (packages/types/openapi.json, which
// `pnpm generate` writes) to spec/released/openapi.json, the baseline that the breaking-change gate
// compares every later change with. The release flow (`pnpm version-packages`) runs it after
// regenerating; run it by hand only to reset the baseline on purpose.
//
//   node spec/scripts/record-released-spec.mjs
import { copyFileSync, readFileSync } from "node:fs";
import { bundledSpecPath, releasedSpecPath } from "./breaking-changes.mjs";

copyFileSync(bundledSpecPath, releasedSpecPath);
const { info } = JSON.parse(readFileSync(releasedSpecPath, "utf8"));
console.log(`recorded ${info.title} ${info.version} as the released spec: spec/released/openapi.json`);
