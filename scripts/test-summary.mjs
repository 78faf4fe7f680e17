// The closing lines of `npm test` over every runner's JSON report in reports/: each failed test by name with the
// first lines of its error, then "tests: N passed, N failed, N skipped". CI keeps only the tail of the output, so
// whatever failed must be named here, at the end.
import fs from "node:fs";

const failures = [];
let passed = 0;
let failedCount = 0;
let skipped = 0;

// The first lines of an error; for a list that should have been empty (the browser's console errors, a page's axe
// findings), its first entries too, which are what says what went wrong.
const firstLines = (text = "") => {
  const lines = text
    // eslint-disable-next-line no-control-regex -- colour codes from the runners' messages
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((line) => line.trim());
  const received = lines.slice(6).filter((line) => /^\s*\+ {3}/.test(line));
  return [...lines.slice(0, 6), ...received.slice(0, 8)].map((line) => `    ${line.slice(0, 300)}`).join("\n");
};

function playwrightFailures(report, suite, titles = []) {
  const path = suite.title ? [...titles, suite.title] : titles;
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== "unexpected") continue;
      const last = test.results?.at(-1);
      failures.push({
        runner: report,
        name: `${spec.file}:${spec.line} › ${[...path.slice(1), spec.title].join(" › ")}`,
        detail: firstLines(last?.error?.message ?? last?.errors?.[0]?.message),
      });
    }
  }
  for (const child of suite.suites ?? []) playwrightFailures(report, child, path);
}

for (const file of fs.readdirSync("reports").filter((f) => f.endsWith(".json"))) {
  const report = JSON.parse(fs.readFileSync(`reports/${file}`, "utf8"));
  const runner = file.replace(/\.json$/, "");
  if (report.stats) {
    passed += report.stats.expected + (report.stats.flaky || 0);
    failedCount += report.stats.unexpected;
    skipped += report.stats.skipped;
    for (const suite of report.suites ?? []) playwrightFailures(runner, suite);
    for (const error of report.errors ?? []) failures.push({ runner, name: "(outside any test)", detail: firstLines(error.message) });
  } else {
    passed += report.numPassedTests;
    failedCount += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests || 0);
    for (const result of report.testResults ?? []) {
      const file = result.name.replace(`${process.cwd()}/`, "");
      for (const assertion of result.assertionResults ?? []) {
        if (assertion.status !== "failed") continue;
        failures.push({ runner, name: `${file} › ${assertion.fullName}`, detail: firstLines(assertion.failureMessages?.[0]) });
      }
      if (result.status === "failed" && !(result.assertionResults ?? []).some((a) => a.status === "failed")) {
        failures.push({ runner, name: `${file} (the file itself)`, detail: firstLines(result.message) });
      }
    }
  }
}

// Errors outside any test, which fail a vitest pass with every test green (test/unhandled-errors-reporter.ts).
for (const file of fs.readdirSync("reports").filter((f) => f.endsWith("-unhandled.jsonl"))) {
  const runner = file.replace(/-unhandled\.jsonl$/, "");
  for (const line of fs.readFileSync(`reports/${file}`, "utf8").split("\n").filter(Boolean)) {
    const { message, runnerTimeout } = JSON.parse(line);
    // scripts/vitest-verdict.mjs lets this one through when every test passed.
    const name = runnerTimeout
      ? "(vitest's own worker RPC timeout, outside any test: not a failure when every test passed)"
      : "(unhandled error, outside any test)";
    failures.push({ runner, name, detail: firstLines(message) });
  }
}

if (failures.length > 0) {
  console.log("\nfailed, and errors outside any test:");
  for (const failure of failures) console.log(`  [${failure.runner}] ${failure.name}\n${failure.detail}`);
}
console.log(`\ntests: ${passed} passed, ${failedCount} failed, ${skipped} skipped`);
