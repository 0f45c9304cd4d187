// The command as people run it (`pnpm conformance`, the package's bin): exit statuses, the printed
// summary, --report and --record, and what they hold: no token, no unmasked phone, email, body or name.
import { exampleFixtures, type RunningFake } from "@conversations-api/fake";
import { runNode } from "@test/support";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstWithRequiredField, wrongValueFor } from "./support/drifts.js";
import { LOCATION_ID, startExampleFake, startUpstream, TOKEN } from "./support/upstream.js";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? "", HIGHLEVEL_TOKEN: TOKEN, ...extra });
const conformance = (args: string[], environment = env()) => {
  if (!existsSync(cli)) throw new Error("dist/cli.js is missing: run `pnpm build` first");
  return runNode([cli, ...args], { env: environment, timeoutMs: 60_000 });
};

/** Every phone number, email address, message body, transcript and name of the example data. */
const personalValues = [
  ...(exampleFixtures.contacts ?? []).flatMap((contact: any) => [contact.phone, contact.email, contact.fullName, contact.contactName]),
  ...(exampleFixtures.messages ?? []).flatMap((message: any) => [
    message.body,
    message.email?.subject,
    message.email?.from,
    ...(message.email?.to ?? []),
    ...(message.email?.cc ?? []),
    ...(message.transcription ?? []).map((sentence: any) => sentence.transcript),
  ]),
].filter((value): value is string => typeof value === "string" && value.length > 0);

let fake: RunningFake;
let directory: string;
beforeAll(async () => {
  fake = await startExampleFake();
  directory = await mkdtemp(join(tmpdir(), "conformance-cli-"));
});
afterAll(async () => {
  await fake.stop();
  await rm(directory, { recursive: true, force: true });
});

describe("usage", () => {
  it.each([
    ["no token", ["--location-id", "L"], { HIGHLEVEL_TOKEN: "" }, /HIGHLEVEL_TOKEN is not set/],
    ["no location", [], {}, /--location-id is required/],
    ["an unknown option", ["--location-id", "L", "--locaton", "x"], {}, /unknown option --locaton/],
    ["an unknown Version", ["--location-id", "L", "--api-version", "2020-01-01"], {}, /--api-version must be 2021-04-15 or v3/],
    ["writes without a contact", ["--location-id", "L", "--allow-writes"], {}, /--allow-writes needs --contact-id/],
    ["a budget that is not a number", ["--location-id", "L", "--max-requests", "many"], {}, /--max-requests must be a whole number/],
    ["a base URL that is not one", ["--location-id", "L", "--base-url", "localhost"], {}, /--base-url localhost is not a URL/],
  ])("%s: exit 2 and says why, sending nothing", async (_, args, extraEnv, message) => {
    const result = await conformance(args as string[], env(extraEnv as Record<string, string>));
    expect(result.status, result.output).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.stderr).toContain("Usage:");
  });

  it("--help: the usage, exit 0", async () => {
    const result = await conformance(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("--allow-writes");
  });
});

describe("against the fake", () => {
  it("exit 0, every reachable read passing; --report and --record hold no token and nothing personal unmasked", async () => {
    const reportFile = join(directory, "report.json");
    const recordDir = join(directory, "fixtures");
    const result = await conformance(["--location-id", LOCATION_ID, "--base-url", fake.url, "--report", reportFile, "--record", recordDir]);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/PASS\s+get-message-recording/);
    expect(result.stdout).toContain("Result: every answer matches the spec");
    const report = await readFile(reportFile, "utf8");
    expect(JSON.parse(report)).toMatchObject({ result: "pass", locationId: LOCATION_ID, apiVersion: "2021-04-15" });
    const files = (await readdir(recordDir)).sort();
    expect(files).toContain("get-messages.json");
    expect(files).toContain("search-conversation.json");
    const fixture = JSON.parse(await readFile(join(recordDir, "get-message.json"), "utf8"));
    expect(fixture).toMatchObject({ source: "@conversations-api/conformance", operationId: "get-message", method: "GET", path: "/conversations/messages/{id}", apiVersion: "2021-04-15", status: 200 });
    expect(fixture.headers["content-type"]).toMatch(/application\/json/);
    const everything = [result.stdout, result.stderr, report, ...(await Promise.all(files.map((file) => readFile(join(recordDir, file), "utf8"))))].join("\n");
    expect(everything).not.toContain(TOKEN);
    expect(personalValues.length).toBeGreaterThan(10);
    for (const value of personalValues) expect(everything, value).not.toContain(value);
    expect(everything).toContain("•••"); // (they were there, masked)
  });
});

describe("against a server that drifted", () => {
  it("exit 1, naming the drifted operation and the JSON path in the summary", async () => {
    const drifted = firstWithRequiredField(["get-conversation", "get-message", "get-email-by-id", "get-messages", "get-message-transcription", "export-messages-by-location"]);
    const upstream = await startUpstream(fake, { [drifted.operationId]: (body) => ({ body: { ...body, [drifted.field.name]: wrongValueFor(drifted.field.type) } }) });
    try {
      const result = await conformance(["--location-id", LOCATION_ID, "--base-url", upstream.url]);
      expect(result.status, result.output).toBe(1);
      expect(result.stdout).toMatch(new RegExp(`FAIL\\s+${drifted.operationId}`));
      expect(result.stdout).toContain(`body $.${drifted.field.name}: must be ${drifted.field.type}`);
      expect(result.stdout).toContain("Result: 1 operations do not match the spec");
    } finally {
      await upstream.close();
    }
  });
});
