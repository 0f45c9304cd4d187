// The breaking-change gate (spec/scripts/check-breaking-changes.mjs) against the released spec:
// it runs on the real spec (CI fails here when the spec breaks clients), and on modified copies
// of the spec to show what it lets through and what it stops.
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rootPath, specDir } from "./load-spec.js";

const require = createRequire(import.meta.url);
const gate = resolve(specDir, "scripts/check-breaking-changes.mjs");
const scratch = mkdtempSync(join(tmpdir(), "breaking-change-test-"));
const noChangesets = join(scratch, "no-changesets");
mkdirSync(noChangesets);

/** Runs the gate as CI does; asynchronous, so that the cases below run side by side. */
function runGate(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [gate, ...args], (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

/** The current spec, bundled into one document: the "released" base of the cases below. */
let released: any;
const releasedPath = join(scratch, "released.json");

beforeAll(() => {
  const redocly = require.resolve("@redocly/cli/bin/cli.js");
  const bundled = spawnSync(process.execPath, [redocly, "bundle", rootPath, "--config", resolve(specDir, "../redocly.yaml"), "--output", releasedPath], {
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
  });
  expect(bundled.status, bundled.stderr).toBe(0);
  released = JSON.parse(readFileSync(releasedPath, "utf8"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the gate on a copy of the released spec changed by `change`. */
function gateOn(name: string, change: (spec: any) => void, changesetsDir = noChangesets) {
  const head = structuredClone(released);
  change(head);
  const headPath = join(scratch, `${name}.json`);
  writeFileSync(headPath, JSON.stringify(head, null, 2));
  return runGate(["--base", releasedPath, "--head", headPath, "--changesets", changesetsDir]);
}

const searchParameters = (spec: any): any[] => spec.paths["/conversations/search"].get.parameters;
const conversationSchema = (spec: any) => spec.components.schemas.ConversationSchema;

function removeResponseField(spec: any) {
  delete conversationSchema(spec).properties.phone;
  conversationSchema(spec).required = conversationSchema(spec).required.filter((name: string) => name !== "phone");
}

// Each case runs optic once per API version (2 to 4 s of CPU each); run side by side on a busy
// 2-core machine they take tens of seconds, hence the long timeout.
const timeout = 150_000;

describe("the gate on the real spec", { timeout }, () => {
  it("passes: the current spec keeps every client of spec/released/openapi.json working (or is declared major)", async () => {
    const { status, output } = await runGate([]);
    expect(output).toContain("breaking-change gate: released spec");
    expect(status, output).toBe(0);
  });
});

describe("the gate stops what breaks existing clients", { timeout }, () => {
  // One copy with every kind of breaking change (optic takes 2 s to start, so one run serves all);
  // optic reports each change on its own line, and each case checks its own.
  let verdict: { status: number | null; output: string };
  beforeAll(async () => {
    verdict = await gateOn("breaking", (spec) => {
      removeResponseField(spec);
      delete spec.paths["/conversations/messages/export"].get;
      searchParameters(spec).find((parameter) => parameter.name === "contactId").required = true;
      searchParameters(spec).push({ name: "channel", in: "query", required: true, schema: { type: "string" } });
      searchParameters(spec).find((parameter) => parameter.name === "limit").schema.type = "integer";
      searchParameters(spec).find((parameter) => parameter.name === "status").schema.enum = ["all", "read", "unread", "starred"];
      // Breaks v3 clients only: DELETE /conversations/{conversationId} no longer accepts v3.
      spec.paths["/conversations/{conversationId}"].delete.parameters = [
        { name: "Version", in: "header", required: true, schema: { type: "string", enum: ["2021-04-15"] } },
      ];
      // Breaks 2021-04-15 clients only: their feedback object becomes a string.
      spec.components.schemas.UpdateConversationDto.properties.feedback.oneOf[0].type = "string";
    });
  }, timeout);

  it("fails CI and says how to declare the change breaking", () => {
    expect(verdict.status, verdict.output).toBe(1);
    expect(verdict.output).toContain("breaking-change gate: FAILED");
    expect(verdict.output).toContain("major changeset");
  });

  it("reports a removed response field", () => {
    expect(verdict.output).toContain("cannot remove response property 'phone'");
  });

  it("reports a removed operation", () => {
    expect(verdict.output).toMatch(/GET \/conversations\/messages\/export: removed[\s\S]*cannot remove an operation/);
  });

  it("reports an optional parameter that became required", () => {
    expect(verdict.output).toContain("cannot make optional query parameter 'contactId' required");
  });

  it("reports a new required parameter", () => {
    expect(verdict.output).toContain("cannot add required query parameter channel");
  });

  it("reports a narrowed parameter type", () => {
    expect(verdict.output).toContain("expected query parameter 'limit' not be narrowed");
  });

  it("reports an enum that lost a value", () => {
    expect(verdict.output).toContain("cannot remove enum option 'recents'");
  });

  it("compares version by version: an operation that stops accepting v3 is removed for v3 clients", () => {
    const v3 = verdict.output.slice(verdict.output.indexOf("== Version v3"));
    expect(verdict.output.indexOf("== Version v3")).toBeGreaterThan(verdict.output.indexOf("== Version 2021-04-15"));
    expect(v3).toMatch(/DELETE \/conversations\/\{conversationId\}: removed[\s\S]*cannot remove an operation/);
  });

  it("compares version by version: a 2021-04-15 branch of a version-dependent field that changes type", () => {
    const v2021 = verdict.output.slice(verdict.output.indexOf("== Version 2021-04-15"), verdict.output.indexOf("== Version v3"));
    expect(v2021).toContain("expected request body property 'feedback' not to be narrowed");
  });

  it("fails on a single removed field too", async () => {
    const { status, output } = await gateOn("removed-field-only", removeResponseField, noChangesets);
    expect(status, output).toBe(1);
  });
});

describe.concurrent("the gate lets through what keeps clients working", { timeout }, () => {
  it("passes a new API version: its operations have no released clients", async () => {
    const { status, output } = await gateOn("new-version", (spec) => {
      spec.components.parameters.Version.schema.enum.push("v4");
    });
    expect(status, output).toBe(0);
    expect(output).not.toContain("== Version v4");
  });

  it("passes a new optional response field, a new optional parameter and a new operation", async () => {
    const { status, output } = await gateOn("additive", (spec) => {
      conversationSchema(spec).properties.starred = { type: "boolean", description: "Whether the conversation is starred" };
      searchParameters(spec).push({ name: "channel", in: "query", schema: { type: "string" } });
      spec.paths["/conversations/search/count"] = { get: { ...structuredClone(spec.paths["/conversations/search"].get), operationId: "count-conversations" } };
    });
    expect(status, output).toBe(0);
    expect(output).toContain("breaking-change gate: passed");
  });

  it("passes a breaking change declared by a major info.version", async () => {
    const { status, output } = await gateOn("major-version", (spec) => {
      removeResponseField(spec);
      spec.info.version = "1.0.0";
    });
    expect(status, output).toBe(0);
    expect(output).toContain("declared breaking: major 0 -> 1");
  });

  it("passes a breaking change declared by a pending major changeset", async () => {
    const changesets = join(scratch, "major-changeset");
    mkdirSync(changesets);
    writeFileSync(join(changesets, "drop-phone.md"), '---\n"@conversations-api/types": major\n---\n\nDrop `phone` from search results.\n');
    const { status, output } = await gateOn("major-changeset", removeResponseField, changesets);
    expect(status, output).toBe(0);
    expect(output).toContain("pending major changesets: drop-phone.md (declares 1.0.0)");
  });

  it("still fails when the pending changeset is only a minor one", async () => {
    const changesets = join(scratch, "minor-changeset");
    mkdirSync(changesets);
    writeFileSync(join(changesets, "drop-phone.md"), '---\n"@conversations-api/types": minor\n---\n\nDrop `phone`.\n');
    const { status, output } = await gateOn("minor-changeset", removeResponseField, changesets);
    expect(status, output).toBe(1);
  });
});
