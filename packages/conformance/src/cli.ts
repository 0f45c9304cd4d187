#!/usr/bin/env node
// `conversations-api-conformance` (`pnpm conformance` at the repository's root): exit 0 when every
// answer matches the spec, 1 when any does not (or could not be checked), 2 for a usage error.
import { writeFile } from "node:fs/promises";
import { parseOptions, USAGE, UsageError } from "./options.js";
import { formatSummary } from "./report.js";
import { runConformance } from "./run.js";

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`conversations-api-conformance: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const report = await runConformance(options);
  process.stdout.write(`${formatSummary(report)}\n`);
  if (options.reportFile) {
    await writeFile(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`Report: ${options.reportFile}\n`);
  }
  if (options.recordDir) process.stdout.write(`Fixtures: ${options.recordDir}\n`);
  return report.result === "pass" ? 0 : 1;
}

main().then(
  (status) => (process.exitCode = status),
  (error: unknown) => {
    // (The token never reaches an error of the client; this prints the name and message only.)
    process.stderr.write(`conversations-api-conformance: ${(error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? error}\n`);
    process.exitCode = 1;
  },
);
