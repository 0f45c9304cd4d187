// Portability: the tools a consumer may point at the bundled description accept it, and each of
// these gates fails on a copy broken the way it guards against.
// - Spectral's `spectral:oas` ruleset: 0 errors and 0 warnings, with the overrides of
//   spec/spectral.yaml (each with its reason).
// - @apidevtools/swagger-parser validates the bundle.
// - @hey-api/openapi-ts generates a client from the bundle, and `tsc --strict` compiles it.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";
import { createClient } from "@hey-api/openapi-ts";
import { readBundledSpec } from "@test/support";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const scratch = mkdtempSync(join(tmpdir(), "spec-portability-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const specDir = fileURLToPath(new URL("..", import.meta.url));
const bundle = readBundledSpec();

/** Writes `document` (the bundle, changed by `change`) to the scratch folder; returns its path. */
function copy(name: string, change: (document: any) => void = () => {}): string {
  const document = structuredClone(bundle);
  change(document);
  mkdirSync(join(scratch, name), { recursive: true });
  const path = join(scratch, name, "openapi.json");
  writeFileSync(path, JSON.stringify(document, null, 2));
  return path;
}

interface SpectralResult {
  code: string;
  path: string[];
  message: string;
  severity: number;
}

function spectral(path: string): { status: number | null; results: SpectralResult[]; stderr: string } {
  const cli = require.resolve("@stoplight/spectral-cli/dist/index.js");
  const ruleset = resolve(specDir, "spectral.yaml");
  const run = spawnSync(process.execPath, [cli, "lint", path, "--ruleset", ruleset, "-f", "json", "--fail-severity=warn"], {
    encoding: "utf8",
    env: { ...process.env, SCARF_ANALYTICS: "false", NO_COLOR: "1" },
  });
  const json = run.stdout.slice(run.stdout.indexOf("["), run.stdout.lastIndexOf("]") + 1);
  if (!json) throw new Error(`spectral printed no results (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { status: run.status, results: JSON.parse(json), stderr: run.stderr };
}

/** Generates the hey-api client of `path` into `outDir`, then type-checks it with tsc --strict. */
async function heyApi(path: string, outDir: string) {
  // `file: false`: no openapi-ts-error-*.log in the working directory when the broken copy fails, as it must.
  await createClient({ input: path, output: { path: outDir }, logs: { level: "silent", file: false } }).catch((error) => {
    // Its JobError has an empty message; the reason is in `originalError.error`.
    const reason = error?.originalError?.error ?? error;
    throw new Error(`hey-api could not generate: ${reason instanceof Error ? reason.message : String(reason)}`, { cause: error });
  });
  // TypeScript 7: its package exports no bin path, so `tsc` is found beside its package.json.
  const tsc = join(dirname(require.resolve("typescript/package.json")), "bin/tsc");
  const args = ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler"];
  // Run where no tsconfig.json is (TypeScript 7 refuses files on the command line beside one).
  const run = spawnSync(process.execPath, [tsc, ...args, "--lib", "es2022,dom,dom.iterable", join(outDir, "index.ts")], {
    encoding: "utf8",
    cwd: outDir,
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

// Spectral, hey-api and tsc each take seconds, more on a busy machine.
describe("portability of the bundled description", { timeout: 120_000 }, () => {
  describe("Spectral spectral:oas", () => {
    it("reports 0 errors and 0 warnings", () => {
      const { status, results, stderr } = spectral(copy("spectral"));
      expect(results.map(({ code, path, message }) => `${code} ${path.join(".")}: ${message}`)).toEqual([]);
      expect(status, stderr).toBe(0);
    });

    it("fails on a copy with a new warning, naming the rule and the place", () => {
      const { status, results } = spectral(
        copy("spectral-broken", (document) => {
          document.components.schemas.Orphan = { type: "string", examples: ["x"] };
          delete document.paths["/conversations/search"].get.operationId;
        }),
      );
      expect(status).toBe(1);
      expect(results.map(({ code, path }) => `${code} ${path.join(".")}`).sort()).toEqual([
        "oas3-unused-component components.schemas.Orphan",
        "operation-operationId paths./conversations/search.get",
      ]);
    });

    it("keeps each override narrow: an unused component or a trailing slash elsewhere still warns", () => {
      const { results } = spectral(
        copy("spectral-overrides", (document) => {
          document.paths["/conversations/search/"] = document.paths["/conversations/search"];
          delete document.paths["/conversations/search"];
          document.components.schemas.StartAfterNumberSchemaCopy = document.components.schemas.StartAfterNumberSchema;
        }),
      );
      expect(results.map(({ code }) => code).sort()).toEqual(["oas3-unused-component", "path-keys-no-trailing-slash"]);
    });
  });

  describe("@apidevtools/swagger-parser", () => {
    it("validates the bundle", async () => {
      const api = await SwaggerParser.validate(copy("swagger-parser"));
      expect(api.info.title).toBe(bundle.info.title);
    });

    it("rejects a copy with an invalid construct, saying where", async () => {
      const broken = copy("swagger-parser-broken", (document) => {
        delete document.paths["/conversations/search"].get.responses["200"].description;
      });
      await expect(SwaggerParser.validate(broken)).rejects.toThrow(
        /paths\/~1conversations~1search\/get\/responses\/200 must have required property 'description'/,
      );
    });
  });

  describe("@hey-api/openapi-ts", () => {
    it("generates a client that compiles under tsc --strict", async () => {
      const { status, output } = await heyApi(copy("hey-api"), join(scratch, "hey-api", "client"));
      expect(output).toBe("");
      expect(status).toBe(0);
    });

    it("fails on a copy whose operation refers to a schema that does not exist", async () => {
      const broken = copy("hey-api-broken", (document) => {
        document.paths["/conversations/search"].get.responses["200"].content["application/json"].schema = {
          $ref: "#/components/schemas/Missing",
        };
      });
      await expect(heyApi(broken, join(scratch, "hey-api-broken", "client"))).rejects.toThrow(
        "hey-api could not generate: Reference not found: #/components/schemas/Missing",
      );
    });
  });
});
