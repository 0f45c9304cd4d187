// The command line: progress as JSON lines and as text, a clean stop on Ctrl-C that keeps what was
// written, `status`, usage mistakes, and one embedded database per process.
import { startFake } from "@conversations-api/fake";
import { runNode } from "@test/support";
import { afterEach, expect, it } from "vitest";
import { embeddedDirectory } from "./support/embedded-directory.js";
import { LOCATION_ID, seededLocation } from "./support/seeded-location.js";
import { CLI, startSyncProcess } from "./support/sync-process.js";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function slowFake() {
  // 20 requests a second, so that a backfill of this small location lasts a few seconds at share 0.5.
  const server = await startFake({ seed: 1, fixtures: seededLocation({ conversations: 50, messages: 300, seed: 1 }), rateLimit: { max: 20, intervalMs: 1_000 } });
  cleanups.push(() => server.stop());
  return server;
}

const TOKEN = "pit-secret-token-0123456789";

it("Ctrl-C stops a backfill cleanly; status shows where it stopped; the next run finishes it", async () => {
  const server = await slowFake();
  const directory = await embeddedDirectory();
  const common = ["--location", LOCATION_ID, "--database", directory, "--base-url", server.url];
  const first = startSyncProcess(["backfill", ...common, "--page-size", "10"], { HIGHLEVEL_TOKEN: TOKEN });
  cleanups.push(() => first.kill("SIGKILL"));
  const progress = await first.waitFor((event) => event.type === "progress" && (event.messages as { done: number }).done >= 20);
  expect(progress).toMatchObject({ pass: "full", conversations: { total: 50 }, messages: { total: 300 }, budget: { share: 0.5 } });
  expect(progress.rowsPerSecond).toBeGreaterThan(0);
  const exit = await first.kill("SIGINT");
  expect(exit.code, first.output()).toBe(130);
  expect(first.events.at(-1)).toEqual({ type: "stopped" });
  expect(first.output()).not.toContain(TOKEN);

  const status = await runNode([CLI, "status", ...common, "--json"]);
  expect(status.status, status.output).toBe(0);
  const stopped = JSON.parse(status.stdout.trim());
  expect(stopped).toMatchObject({ type: "status", backfillDone: false, passUnderWay: { kind: "full" } });
  expect(stopped.messages).toBeGreaterThanOrEqual(20);
  expect(stopped.lastCheckpointAt).not.toBeNull();

  const second = await runNode([CLI, "backfill", ...common, "--share", "1"], { env: { ...process.env, HIGHLEVEL_TOKEN: TOKEN }, timeoutMs: 60_000 });
  expect(second.status, second.output).toBe(0);
  // Text progress on stderr (not a terminal: a line per page), the result on stdout.
  expect(second.stderr).toMatch(/full pass, messages: conversations \d+\/\d+, messages \d+\/\d+ \| [\d.]+ rows\/s, .* left \| budget: share 100%, \d+ requests/);
  expect(second.stdout).toMatch(/backfill done: \d+ conversations, \d+ messages/);
  const done = JSON.parse((await runNode([CLI, "status", ...common, "--json"])).stdout.trim());
  expect(done).toMatchObject({ backfillDone: true, passUnderWay: null, conversations: 50, messages: 300, lastPass: { kind: "full", drift: null } });
});

it("refuses a second process on the same embedded database, and says what to do", async () => {
  const server = await slowFake();
  const directory = await embeddedDirectory();
  const common = ["--location", LOCATION_ID, "--database", directory, "--base-url", server.url];
  const first = startSyncProcess(["backfill", ...common, "--page-size", "10"], { HIGHLEVEL_TOKEN: TOKEN });
  cleanups.push(() => first.kill("SIGKILL"));
  await first.waitFor((event) => event.type === "progress");
  const second = await runNode([CLI, "status", ...common]);
  expect(second.status).toBe(1);
  expect(second.stdout).toContain(`DatabaseInUseError: the embedded database in ${directory} is open in process ${first.child.pid}`);
  expect(second.stdout).toContain("postgres://");
});

it("usage mistakes exit 2 with what to do, and never echo the token", async () => {
  const env = { ...process.env, HIGHLEVEL_TOKEN: TOKEN };
  const noLocation = await runNode([CLI, "backfill"], { env: { ...env, HIGHLEVEL_LOCATION_ID: "" } });
  expect(noLocation.status).toBe(2);
  expect(noLocation.stdout).toContain("--location <id> or HIGHLEVEL_LOCATION_ID");
  const noToken = await runNode([CLI, "backfill", "--location", "x"], { env: { ...process.env, HIGHLEVEL_TOKEN: "" } });
  expect(noToken.status).toBe(2);
  expect(noToken.stdout).toContain("set HIGHLEVEL_TOKEN");
  const badShare = await runNode([CLI, "backfill", "--location", "x", "--share", "2"], { env });
  expect(badShare.status).toBe(2);
  expect(badShare.stdout).toContain("--share 2: not a valid value");
  const unknown = await runNode([CLI, "mirror", "--location", "x"], { env });
  expect(unknown.status).toBe(2);
  for (const result of [noLocation, noToken, badShare, unknown]) expect(result.output).not.toContain(TOKEN);
});
