// A fresh embedded database directory for a test: a copy of the run's template (global-setup.ts),
// removed after the test.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject, onTestFinished } from "vitest";

export async function embeddedDirectory(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "sync-test-"));
  const directory = join(root, "db");
  await cp(inject("embeddedTemplate"), directory, { recursive: true });
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  return directory;
}
