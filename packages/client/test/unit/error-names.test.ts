// Error classes keep their names through a consumer's minifier (issue 8, item 8): the client's
// source bundled by esbuild with --minify, as an application would ship it, still logs a
// RateLimitError as "RateLimitError", not as the one-letter name its class got.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inspect } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as source from "../../src/index.js";
import { json, startFaultServer, type FaultServer } from "../support/fault-server.js";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
// Inside the package, so that the bundle's imports resolve like the package's own.
const scratch = mkdtempSync(join(packageDir, ".scratch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const CLASSES = Object.keys(source).filter((name) => name.endsWith("Error"));

describe("error names after minification", () => {
  it("every error class has its literal name, in the bundle a minifier made", async () => {
    const outfile = join(scratch, "client.min.mjs");
    await build({ entryPoints: [join(packageDir, "src/index.ts")], bundle: true, minify: true, format: "esm", platform: "neutral", outfile, logLevel: "error" });
    const bundle = await import(pathToFileURL(outfile).href);
    const minified = bundle as Record<string, new (message: string, details: object) => Error>;
    expect(CLASSES).toHaveLength(16);
    const text = readFileSync(outfile, "utf8");
    for (const name of CLASSES) {
      expect(text).not.toMatch(new RegExp(`class ${name}\\b`)); // the minifier did rename the class
      const Class = minified[name]!;
      expect(Class.name).toBe(name);
      const error = new Class("429 GET /conversations/search", { method: "GET", url: "/conversations/search", attempts: 1 });
      expect(error.name).toBe(name);
      expect(String(error)).toBe(`${name}: 429 GET /conversations/search`);
      expect(error.stack).toMatch(new RegExp(`^${name}: `));
      expect(inspect(error)).toMatch(new RegExp(`^${name}: `));
    }

    // And as thrown by the minified client itself, from a 429 of a loopback server.
    server.script(json(429, { message: "slow down" }));
    const client = (bundle as typeof source).createConversationsClient({ token: "t0ken", baseUrl: server.url, maxRetries: 0 });
    const failure = await client.unwrap(client.GET("/conversations/search", { params: { query: { locationId: "l" } } })).catch((e: unknown) => e);
    expect((failure as Error).name).toBe("RateLimitError");
    expect(inspect(failure)).toMatch(/^RateLimitError: 429 GET /);
    expect(server.seen).toHaveLength(1);
  });
});
