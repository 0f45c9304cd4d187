// Sums the vitest JSON reports and prints CI's closing line `N passed, N failed`. Every workspace
// package with a test script reports from the machine's Node (report.json); the packages that
// .ci/run also tests on the newer Nodes report from each (report.node22.json, ...). A missing or
// unreadable report counts as one failure, so a suite that never ran cannot pass silently; so does
// each `--failed-check=<what>` that .ci/run passes for a check that is not a test (the drift check,
// a Node that could not be installed).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
/** What .ci/run runs again on Node 22 and 24. */
const otherNodes = { versions: [22, 24], packages: ["packages/client", "packages/webhooks", "apps/consumer-proof"] };

const { values } = parseArgs({ options: { "failed-check": { type: "string", multiple: true, default: [] } } });

// The workspace globs of pnpm-workspace.yaml: plain folders and `folder/*`.
const globs = [...readFileSync(join(root, "pnpm-workspace.yaml"), "utf8").matchAll(/^\s+- (\S+)$/gm)].map((m) => m[1]);
const packageDirs = globs.flatMap((glob) =>
  glob.endsWith("/*")
    ? readdirSync(join(root, glob.slice(0, -2)), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(glob.slice(0, -2), entry.name))
    : [glob],
);

const mainNode = Number(process.versions.node.split(".")[0]);
const expected = packageDirs
  .filter((dir) => {
    const manifest = join(root, dir, "package.json");
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).scripts?.test;
  })
  .flatMap((dir) => [
    { dir, node: mainNode, file: "report.json" },
    ...(otherNodes.packages.includes(dir) ? otherNodes.versions.map((node) => ({ dir, node, file: `report.node${node}.json` })) : []),
  ]);

const totals = new Map(); // node -> { passed, failed }
let passed = 0;
let failed = 0;
for (const { dir, node, file } of expected) {
  const label = `${dir} (Node ${node})`;
  const count = (p, f) => {
    passed += p;
    failed += f;
    const total = totals.get(node) ?? { passed: 0, failed: 0 };
    totals.set(node, { passed: total.passed + p, failed: total.failed + f });
  };
  const reportPath = join(root, dir, file);
  if (!existsSync(reportPath)) {
    console.log(`${label}: no test report (its tests did not run)`);
    count(0, 1);
    continue;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, "utf8"));
  } catch {
    console.log(`${label}: unreadable test report (its run was cut short)`);
    count(0, 1);
    continue;
  }
  console.log(`${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numFailedTestSuites} failed files`);
  // A suite that failed outside a test (a hook, an import) has no failed test to count: count it.
  const suiteFailures = report.numFailedTests === 0 && !report.success ? Math.max(report.numFailedTestSuites, 1) : 0;
  count(report.numPassedTests, report.numFailedTests + suiteFailures + (report.numTotalTests === 0 ? 1 : 0));
}
for (const check of values["failed-check"]) {
  console.log(`FAILED: ${check}`);
  failed += 1;
}
console.log([...totals].map(([node, total]) => `Node ${node}: ${total.passed} passed, ${total.failed} failed`).join("; "));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
