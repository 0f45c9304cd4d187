// `pnpm generate`: bundles the spec into openapi.json and generates the types from it (pipeline.mjs).
//
//   node scripts/generate.mjs [--spec path/to/openapi.yaml] [--out dir]
//
// --spec and --out let tests generate from a modified copy of the spec into a scratch directory.
import { parseArgs } from "node:util";
import { generate } from "./pipeline.mjs";

const { values } = parseArgs({ options: { spec: { type: "string" }, out: { type: "string" } } });
const { spec, changed } = await generate({ specPath: values.spec, outDir: values.out });
console.log(`generated from spec ${spec.info.version}: ${changed.length > 0 ? changed.join(", ") : "nothing changed"}`);
