// Sums the vitest JSON reports of every workspace package that has a test script and prints
// CI's closing line. A package whose report is missing counts as one failure, so a suite that
// never ran cannot pass silently.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

// The workspace globs of pnpm-workspace.yaml: plain folders and `folder/*`.
const globs = [...readFileSync(join(root, "pnpm-workspace.yaml"), "utf8").matchAll(/^\s+- (\S+)$/gm)].map((m) => m[1]);
const packageDirs = globs.flatMap((glob) =>
  glob.endsWith("/*")
    ? readdirSync(join(root, glob.slice(0, -2)), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(glob.slice(0, -2), entry.name))
    : [glob],
);

let passed = 0;
let failed = 0;
for (const dir of packageDirs) {
  const manifest = join(root, dir, "package.json");
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, "utf8")).scripts?.test) continue;
  const reportPath = join(root, dir, "report.json");
  if (!existsSync(reportPath)) {
    console.log(`${dir}: no test report (its tests did not run)`);
    failed += 1;
    continue;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, "utf8"));
  } catch {
    console.log(`${dir}: unreadable test report (its run was cut short)`);
    failed += 1;
    continue;
  }
  console.log(`${dir}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numFailedTestSuites} failed files`);
  passed += report.numPassedTests;
  // A suite that failed outside a test (a hook, an import) has no failed test to count: count it.
  const suiteFailures = report.numFailedTests === 0 && !report.success ? Math.max(report.numFailedTestSuites, 1) : 0;
  failed += report.numFailedTests + suiteFailures + (report.numTotalTests === 0 ? 1 : 0);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
