#!/usr/bin/env bash
# npm test: lint, type-check, unit + integration tests on PGlite (and on PostgreSQL when
# TEST_DATABASE_URL is set), then the Playwright suite against the built app in Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/*.json
failed=0

step() { printf '\n== %s\n' "$1"; }

step "lint (ESLint + Prettier)"
npx eslint . || failed=1
npx prettier --check . || failed=1

step "type-check"
npx tsc --noEmit || failed=1

# Built before the integration tests: the webhook crash test runs this build as a real server
# (REMIX_OUT_DIR=. points it here instead of building its own), and the end-to-end tests use it too.
step "build"
npx remix build || failed=1
export REMIX_OUT_DIR=.

step "unit + integration tests on PGlite"
TEST_DRIVER=pglite npx vitest run --reporter=default --reporter=json --outputFile=reports/vitest-pglite.json || failed=1

# The PostgreSQL pass runs beside the browser suite (which mostly waits on the browser), to keep the whole run
# well inside CI's time budget; its output is printed when both are done.
pg_pid=""
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "unit + integration tests on PostgreSQL (beside the end-to-end tests; output below)"
  TEST_DRIVER=postgres npx vitest run --reporter=default --reporter=json --outputFile=reports/vitest-postgres.json >reports/vitest-postgres.log 2>&1 &
  pg_pid=$!
else
  echo "(TEST_DATABASE_URL not set: skipping the PostgreSQL run)"
fi

step "end-to-end tests in Chromium"
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json || failed=1

if [ -n "$pg_pid" ]; then
  wait "$pg_pid" || failed=1
  step "unit + integration tests on PostgreSQL: output"
  cat reports/vitest-postgres.log
fi

# One closing line over every runner: "tests: N passed, N failed". (Playwright empties
# test-results/ when it starts, so the JSON summaries live in reports/.)
node -e '
const fs = require("fs");
let passed = 0, failedCount = 0, skipped = 0;
for (const f of fs.readdirSync("reports").filter((f) => f.endsWith(".json"))) {
  const r = JSON.parse(fs.readFileSync("reports/" + f, "utf8"));
  if (r.stats) { passed += r.stats.expected + (r.stats.flaky || 0); failedCount += r.stats.unexpected; skipped += r.stats.skipped; }
  else { passed += r.numPassedTests; failedCount += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0); }
}
console.log(`\ntests: ${passed} passed, ${failedCount} failed, ${skipped} skipped`);
' || failed=1

exit $failed
