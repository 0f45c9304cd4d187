// Once per test run: an embedded database with the schema applied, which each test copies instead
// of creating its own (PGlite's first start runs initdb: seconds on a loaded machine; a copy
// opens in well under one).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/database.js";
import { migrate } from "../../src/schema.js";

declare module "vitest" {
  export interface ProvidedContext {
    embeddedTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const root = await mkdtemp(join(tmpdir(), "sync-template-"));
  const directory = join(root, "db");
  const db = await openDatabase(directory);
  await migrate(db);
  await db.close();
  project.provide("embeddedTemplate", directory);
  return () => rm(root, { recursive: true, force: true });
}
