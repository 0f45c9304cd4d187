// The progress display: one redrawn line on a terminal, a line per update otherwise, JSON lines for machines.
import { Writable } from "node:stream";
import { expect, it } from "vitest";
import type { Progress } from "../src/pass.js";
import { formatProgress, progressWriter } from "../src/progress.js";

const progress: Progress = {
  type: "progress",
  pass: "full",
  phase: "messages",
  conversations: { done: 200, total: 200 },
  messages: { done: 1_200, total: 2_000 },
  elapsedMs: 125_000,
  rowsPerSecond: 11.2,
  etaMs: 71_000,
  budget: { share: 0.5, requests: 14, waitedMs: 2_400, remaining: 37, max: 100, intervalMs: 10_000 },
};

function sink(isTTY: boolean) {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => text };
}

it("says the counts, the rate, the time left and the budget's state", () => {
  expect(formatProgress(progress)).toBe(
    "full pass, messages: conversations 200/200, messages 1200/2000 | 11.2 rows/s, 2m05s elapsed, 1m11s left | budget: share 50%, 14 requests, 2s waited, 37/100 left in window",
  );
  expect(formatProgress({ ...progress, messages: { done: 5, total: null }, etaMs: null, budget: { ...progress.budget, share: null, max: null } })).toContain(
    "messages 5 | 11.2 rows/s, 2m05s elapsed, ? left | budget: shared budget, 14 requests",
  );
});

it("redraws one line on a terminal and ends it when done; writes a line per update elsewhere; JSON lines with json", () => {
  const terminal = sink(true);
  const onTerminal = progressWriter(terminal.stream);
  onTerminal(progress);
  onTerminal(progress);
  onTerminal.done();
  expect(terminal.text()).toBe(`\r\x1b[2K${formatProgress(progress)}\r\x1b[2K${formatProgress(progress)}\n`);

  const file = sink(false);
  const toFile = progressWriter(file.stream);
  toFile(progress);
  toFile.done();
  expect(file.text()).toBe(`${formatProgress(progress)}\n`);

  const machine = sink(false);
  const json = progressWriter(machine.stream, { json: true });
  json(progress);
  expect(JSON.parse(machine.text())).toEqual(progress);
});
