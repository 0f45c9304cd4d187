// Sums the vitest JSON reports and prints CI's closing line `N passed, N failed`. The workspace's
// one run (`pnpm test`, on the machine's Node) writes report.json at the root; the runs on the
// newer Nodes write report.node22.json, ... (.ci/run). Every package with a test script must have
// test files in the main report, and every package .ci/run tests again on a newer Node in that
// Node's report: a missing or unreadable report, or a package with no test file in it, counts as
// one failure, so a suite that never ran cannot pass silently; so does each
// `--failed-check=<what>` that .ci/run passes for a check that is not a test (the drift check, a
// Node that could not be installed).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    "failed-check": { type: "string", multiple: true, default: [] },
    // `<version>:<package folder>,<package folder>`: a newer Node's run and the packages it tests.
    "other-node": { type: "string", multiple: true, default: [] },
  },
});

// The workspace globs of pnpm-workspace.yaml: plain folders and `folder/*`.
const globs = [...readFileSync(join(root, "pnpm-workspace.yaml"), "utf8").matchAll(/^\s+- (\S+)$/gm)].map((m) => m[1]);
const packageDirs = globs.flatMap((glob) =>
  glob.endsWith("/*")
    ? readdirSync(join(root, glob.slice(0, -2)), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(glob.slice(0, -2), entry.name))
    : [glob],
);
const testedDirs = packageDirs.filter((dir) => {
  const manifest = join(root, dir, "package.json");
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).scripts?.test;
});

const runs = [
  { node: Number(process.versions.node.split(".")[0]), file: "report.json", dirs: testedDirs },
  ...values["other-node"].map((spec) => {
    const [node, dirs] = spec.split(":");
    return { node: Number(node), file: `report.node${node}.json`, dirs: dirs.split(",") };
  }),
];

let passed = 0;
let failed = 0;
const lines = [];
for (const { node, file, dirs } of runs) {
  let total = { passed: 0, failed: 0 };
  const count = (p, f) => (total = { passed: total.passed + p, failed: total.failed + f });
  const reportPath = join(root, file);
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, "utf8"));
  } catch (error) {
    console.log(`Node ${node}: ${existsSync(reportPath) ? "unreadable test report (its run was cut short)" : `no test report ${file} (its tests did not run)`}`);
    count(0, 1);
  }
  if (report) {
    // Per package: the test files of its folder in this report.
    for (const dir of dirs) {
      const files = report.testResults.filter((result) => relative(root, result.name).startsWith(`${dir}${sep}`));
      const tests = files.flatMap((result) => result.assertionResults);
      const ok = tests.filter((test) => test.status === "passed").length;
      const bad = tests.filter((test) => test.status === "failed").length;
      // A file that failed outside a test (a hook, an import) has no failed test to count: count it.
      const brokenFiles = files.filter((result) => result.status === "failed" && !result.assertionResults.some((test) => test.status === "failed")).length;
      console.log(`${dir} (Node ${node}): ${ok} passed, ${bad} failed${brokenFiles ? `, ${brokenFiles} files failed outside a test` : ""}${files.length === 0 ? ", NO TEST FILE RAN" : ""}`);
      count(ok, bad + brokenFiles + (files.length === 0 ? 1 : 0));
    }
    // An error outside every file (a global setup, an unhandled rejection) fails the run.
    if (!report.success && report.numFailedTests === 0 && report.numFailedTestSuites === 0) {
      console.log(`Node ${node}: the run failed outside the test files (a global setup or an unhandled error: see its output)`);
      count(0, 1);
    }
  }
  passed += total.passed;
  failed += total.failed;
  lines.push(`Node ${node}: ${total.passed} passed, ${total.failed} failed`);
}
for (const check of values["failed-check"]) {
  console.log(`FAILED: ${check}`);
  failed += 1;
}
console.log(lines.join("; "));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
