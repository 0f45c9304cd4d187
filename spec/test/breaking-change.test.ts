// The breaking-change gate (spec/scripts/check-breaking-changes.mjs). Optic runs only where the
// comparison itself is under test: on the real spec (CI fails here when the spec breaks clients),
// on a copy with every kind of breaking change, on an additive copy, and on a declared major.
// How changesets and versions declare a break is tested in process, without optic.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readBundledSpec, runNode } from "@test/support";
import { afterAll, describe, expect, it } from "vitest";
import { declaredVersion, isDeclaredBreaking, pendingMajorChangesets } from "../scripts/breaking-changes.mjs";

const gate = fileURLToPath(new URL("../scripts/check-breaking-changes.mjs", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "breaking-change-test-"));
const noChangesets = join(scratch, "no-changesets");
mkdirSync(noChangesets);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The current bundled spec: the "released" base of the cases below. */
const released = readBundledSpec();
const releasedPath = join(scratch, "released.json");
writeFileSync(releasedPath, JSON.stringify(released));

/** Runs the gate as CI does, on a copy of the released spec changed by `change`. */
function gateOn(name: string, change: (spec: any) => void, changesetsDir = noChangesets) {
  const head = structuredClone(released);
  change(head);
  const headPath = join(scratch, `${name}.json`);
  writeFileSync(headPath, JSON.stringify(head, null, 2));
  return runNode([gate, "--base", releasedPath, "--head", headPath, "--changesets", changesetsDir]);
}

/** A folder of changesets, each given as its frontmatter lines. */
function changesets(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  for (const [file, frontmatter] of Object.entries(files)) writeFileSync(join(dir, file), `---\n${frontmatter}\n---\n\nWhat changed.\n`);
  return dir;
}

const searchParameters = (spec: any): any[] => spec.paths["/conversations/search"].get.parameters;
const conversationSchema = (spec: any) => spec.components.schemas.ConversationSchema;

function removeResponseField(spec: any) {
  delete conversationSchema(spec).properties.phone;
  conversationSchema(spec).required = conversationSchema(spec).required.filter((name: string) => name !== "phone");
}

// Optic takes 2 to 4 s of CPU per run and runs once per API version; the cases go side by side
// on a busy 2-core machine, hence the long timeout.
const timeout = 150_000;

describe.concurrent("the gate, with optic", { timeout }, () => {
  it("passes the real spec: it keeps every client of spec/released/openapi.json working (or is declared major)", async () => {
    const { status, output } = await runNode([gate]);
    expect(output).toContain("breaking-change gate: released spec");
    expect(status, output).toBe(0);
  });

  it("stops every kind of breaking change, reports each, and says how to declare it", async () => {
    const { status, output } = await gateOn("breaking", (spec) => {
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
    expect(status, output).toBe(1);
    expect(output).toContain("breaking-change gate: FAILED");
    expect(output).toContain("major changeset");
    expect(output, "a removed response field").toContain("cannot remove response property 'phone'");
    expect(output, "a removed operation").toMatch(/GET \/conversations\/messages\/export: removed[\s\S]*cannot remove an operation/);
    expect(output, "an optional parameter made required").toContain("cannot make optional query parameter 'contactId' required");
    expect(output, "a new required parameter").toContain("cannot add required query parameter channel");
    expect(output, "a narrowed parameter type").toContain("expected query parameter 'limit' not be narrowed");
    expect(output, "an enum that lost a value").toContain("cannot remove enum option 'recents'");
    // Compared version by version: each version's clients see their own breaks.
    const v2021 = output.slice(output.indexOf("== Version 2021-04-15"), output.indexOf("== Version v3"));
    const v3 = output.slice(output.indexOf("== Version v3"));
    expect(output.indexOf("== Version v3")).toBeGreaterThan(output.indexOf("== Version 2021-04-15"));
    expect(v3, "an operation that stops accepting v3").toMatch(/DELETE \/conversations\/\{conversationId\}: removed[\s\S]*cannot remove an operation/);
    expect(v2021, "the 2021-04-15 branch of a version-dependent field").toContain("expected request body property 'feedback' not to be narrowed");
  });

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

  it("passes a breaking change declared by a pending major changeset", async () => {
    const dir = changesets("major-changeset", { "drop-phone.md": '"@conversations-api/types": major' });
    const { status, output } = await gateOn("major-changeset", removeResponseField, dir);
    expect(status, output).toBe(0);
    expect(output).toContain("pending major changesets: drop-phone.md (declares 1.0.0)");
    expect(output).toContain("declared breaking: major 0 -> 1");
    expect(output).toContain("optic not run");
  });
});

describe("what declares a change breaking (in process)", () => {
  it("a pending major changeset for a versioned package declares the next major", () => {
    const dir = changesets("declared", {
      "a.md": '"@conversations-api/types": major',
      "b.md": "'@conversations-api/client': major",
      "c.md": '"@conversations-api/types": minor',
      "d.md": '"@example/inbox-digest": major',
    });
    const pending = pendingMajorChangesets(dir);
    expect(pending.sort()).toEqual(["a.md", "b.md"]);
    expect(declaredVersion("0.4.2", "0.4.2", pending)).toBe("1.0.0");
    expect(isDeclaredBreaking("0.4.2", "1.0.0")).toBe(true);
  });

  it("a minor changeset, or a major one for a package that is not versioned with the spec, declares nothing", () => {
    const dir = changesets("not-declared", { "c.md": '"@conversations-api/types": minor', "d.md": '"@example/inbox-digest": major' });
    const pending = pendingMajorChangesets(dir);
    expect(pending).toEqual([]);
    expect(declaredVersion("0.4.2", "0.5.0", pending)).toBe("0.5.0");
    expect(isDeclaredBreaking("0.4.2", "0.5.0")).toBe(false);
  });

  it("a major info.version in the spec declares the break by itself, and a changeset does not bump it twice", () => {
    expect(isDeclaredBreaking("0.4.2", declaredVersion("0.4.2", "1.0.0", []))).toBe(true);
    expect(declaredVersion("0.4.2", "1.0.0", ["a.md"])).toBe("1.0.0");
  });

  it("reads no changeset from a folder without any, nor the folder's README", () => {
    expect(pendingMajorChangesets(join(scratch, "nowhere"))).toEqual([]);
    const dir = changesets("readme-only", {});
    writeFileSync(join(dir, "README.md"), '---\n"@conversations-api/types": major\n---\n');
    expect(pendingMajorChangesets(dir)).toEqual([]);
  });
});
