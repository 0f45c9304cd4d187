// A fresh embedded database directory: a copy of the run's template (global-setup.ts), removed
// after the test (or, made outside a test, by the `remove` it comes with).
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject, onTestFinished } from "vitest";

export async function copyEmbeddedTemplate(): Promise<{ directory: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "sync-test-"));
  const directory = join(root, "db");
  await cp(inject("embeddedTemplate"), directory, { recursive: true });
  return { directory, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Inside a test: a copy removed when the test finishes. */
export async function embeddedDirectory(): Promise<string> {
  const { directory, remove } = await copyEmbeddedTemplate();
  onTestFinished(remove);
  return directory;
}
