// How another service consumes the packages: the packed tarballs, installed by npm into a fresh
// project outside the workspace, type-checked in strict mode (the shipped .d.ts files, which
// TypeScript 7 emits, checked too) by TypeScript 5.9, what most consumers run, and by TypeScript 7,
// then run against the mock on the Node running the tests (CI runs them on Node 20, 22 and 24); a
// webhook received with the packed webhooks package; a flow tested against the packed fake.
import { cpSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectSuccess, mockUrl, run } from "@test/support";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoDir } from "./support/repository.js";

const require = createRequire(import.meta.url);
const compilers = {
  "TypeScript 5.9": require.resolve("typescript5/bin/tsc"),
  // TypeScript 7's package exports no bin path: its tsc is found beside its package.json.
  "TypeScript 7": join(dirname(require.resolve("typescript/package.json")), "bin/tsc"),
};
const fixture = fileURLToPath(new URL("./fixtures/npm-consumer/", import.meta.url));
/** The @types/node the repository builds with. */
const nodeTypesVersion: string = require(join(repoDir, "packages/client/package.json")).devDependencies["@types/node"];

/** The environment without pnpm's npm_* variables, as a consumer's shell would have it. */
function consumerEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")));
}

describe("a fresh npm project that installs the packed packages", () => {
  const project = realpathSync(mkdtempSync(join(tmpdir(), "conversations-api-consumer-")));

  beforeAll(async () => {
    cpSync(fixture, project, { recursive: true });
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
    // (validator: the client's, the webhooks' and the fake's dependency, packed beside them.)
    const { types, client, webhooks, fake, validator } = inject("tarballs");
    // webhooks.ts serves with node:http, so the project has Node's types, as such a service would
    // (listed in tsconfig's `types`: TypeScript 7 includes no @types package unless told).
    expectSuccess(
      await run("npm", ["install", types, client, webhooks, fake, validator, `@types/node@${nodeTypesVersion}`, "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--loglevel=error"], {
        cwd: project,
        env: consumerEnv(),
      }),
    );
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it("lives outside the workspace, with the packages from the tarballs", () => {
    expect(project.startsWith(realpathSync(repoDir))).toBe(false);
    const installed = require(join(project, "node_modules/@conversations-api/client/package.json"));
    expect(installed.version).toBe(require(join(repoDir, "packages/client/package.json")).version);
    const lock = require(join(project, "package-lock.json"));
    expect(lock.packages["node_modules/@conversations-api/client"].resolved).toMatch(/^file:.*\.tgz$/);
    expect(lock.packages["node_modules/@conversations-api/types"].resolved).toMatch(/^file:.*\.tgz$/);
  });

  it("type-checks in strict mode with TypeScript 5.9, shipped declarations included, wrong calls do not compile; and compiles", async () => {
    const result = await run(process.execPath, [compilers["TypeScript 5.9"], "-p", "tsconfig.json"], { cwd: project, env: consumerEnv() });
    expect(result.status, result.output).toBe(0);
  });

  it("type-checks the same way with TypeScript 7", async () => {
    const result = await run(process.execPath, [compilers["TypeScript 7"], "-p", "tsconfig.json", "--noEmit"], { cwd: project, env: consumerEnv() });
    expect(result.status, result.output).toBe(0);
  });

  it("runs against the mock and prints the unread inbox", async () => {
    const result = await run(process.execPath, ["dist/main.js", mockUrl(), "ABCHkzuJQ8ZMd4Te84GK"], { cwd: project, env: consumerEnv() });
    expect(result.status, result.output).toBe(0);
    const { version } = require(join(repoDir, "packages/types/package.json"));
    expect(result.output).toContain(`spec ${version}: `);
    expect(result.output).toMatch(/John Doe \(1\): Hi there/);
  });

  it("receives a signed webhook over HTTP with @conversations-api/webhooks, and refuses a tampered one", async () => {
    const result = await run(process.execPath, ["dist/webhooks.js"], { cwd: project, env: consumerEnv() });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain("200 InboundMessage from cI08i1Bls3iTB9bKgFJh: Can we move my appointment to 3pm?");
    expect(result.output).toContain("tampered: InvalidSignatureError");
  });

  it("tests a flow against the packed fake, in process and over HTTP", async () => {
    const result = await run(process.execPath, ["dist/fake.js"], { cwd: project, env: consumerEnv() });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain("in process: sent and listed; latest: On my way; events: OutboundMessage, InboundMessage");
    expect(result.output).toContain("over HTTP: Jane Roe (2): On my way");
  });
});
