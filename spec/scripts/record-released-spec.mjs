#!/usr/bin/env node
// Records the spec as released: bundles spec/openapi.yaml into spec/released/openapi.json, the
// baseline that the breaking-change gate compares every later change with. The release flow
// (`pnpm version-packages`) runs it; run it by hand only to reset the baseline on purpose.
//
//   node spec/scripts/record-released-spec.mjs
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { bundleSpec, specDir } from "./bundle-spec.mjs";

const releasedPath = resolve(specDir, "released/openapi.json");
bundleSpec(resolve(specDir, "openapi.yaml"), releasedPath);
const { info } = JSON.parse(readFileSync(releasedPath, "utf8"));
console.log(`recorded ${info.title} ${info.version} as the released spec: spec/released/openapi.json`);
