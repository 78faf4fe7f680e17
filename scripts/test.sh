#!/usr/bin/env bash
# npm test: lint, type-check and build; then unit + integration tests on PGlite (and on PostgreSQL when
# TEST_DATABASE_URL is set) beside the Playwright suite against the built app in Chromium.
#
# Why things run side by side: CI has two cores and 25 minutes. The vitest passes keep both cores busy, while the
# browser suite mostly waits (on pages, on the sandbox, on webhooks: measured at about a third of a core), so the
# browser suite runs in E2E_SHARDS shards beside them, each shard with its own server, database folder and ports.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/*.json reports/*.jsonl reports/*.log
failed=0
shards="${E2E_SHARDS:-3}"

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

# Runs a command in the background with its output in reports/<name>.log; `finish <name>` waits for it,
# prints its output and records a failure.
declare -A pids=()
start() {
  local name=$1
  shift
  "$@" >"reports/$name.log" 2>&1 &
  pids[$name]=$!
}
finish() {
  local name=$1 status=0
  wait "${pids[$name]}" || status=$?
  step "$name: output (exit $status)"
  cat "reports/$name.log"
  [ "$status" -eq 0 ] || failed=1
}

# The checks that read the source, at once (the build is also what the tests below run).
step "lint (ESLint + Prettier), type-check and build, side by side"
start eslint npx eslint .
start prettier npx prettier --check .
start typecheck npx tsc --noEmit
start build npx remix build
for name in eslint prettier typecheck build; do finish "$name"; done
# The webhook crash test runs this build as a real server (REMIX_OUT_DIR=. points it here instead of building its
# own), and the end-to-end tests use it too.
export REMIX_OUT_DIR=.

step "end-to-end tests in Chromium: $shards shards, started in the background (output below)"
for shard in $(seq 1 "$shards"); do
  port=$((3190 + 20 * shard))
  # E2E_SHARD: whole spec files, balanced by the seconds each took (e2e/durations.json, scripts/e2e-shards.ts).
  E2E_PORT=$port E2E_DATA_DIR=".data-e2e-$shard" E2E_SHARD="$shard/$shards" PLAYWRIGHT_JSON_OUTPUT_NAME="reports/playwright-$shard.json" \
    start "e2e-$shard" npx playwright test --reporter=list,json
done

# A vitest pass; when it exits non-zero, scripts/vitest-verdict.mjs lets through only vitest's own worker RPC timeout
# with every test passed (see there), and fails everything else.
vitest_pass() {
  local driver=$1
  TEST_DRIVER=$driver npx vitest run --reporter=default --reporter=json --outputFile="reports/vitest-$driver.json" \
    --reporter=./test/unhandled-errors-reporter.ts || node scripts/vitest-verdict.mjs "$driver" || failed=1
}

step "unit + integration tests on PGlite"
vitest_pass pglite

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "unit + integration tests on PostgreSQL"
  vitest_pass postgres
else
  echo "(TEST_DATABASE_URL not set: skipping the PostgreSQL run)"
fi

for shard in $(seq 1 "$shards"); do finish "e2e-$shard"; done

# The closing lines over every runner: each failed test by name, then "tests: N passed, N failed". (Playwright
# empties test-results/ when it starts, so the JSON summaries live in reports/.)
node scripts/test-summary.mjs || failed=1
step "done"

exit $failed
