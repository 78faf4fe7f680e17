/**
 * A vitest reporter that writes the run's unhandled errors (those outside any test, which fail the run though every
 * test passed) to reports/vitest-<driver>-unhandled.jsonl, one JSON object per line, for scripts/vitest-verdict.mjs
 * and the closing summary (vitest's JSON report leaves them out). `runnerTimeout` marks vitest's own worker RPC
 * timing out ('[vitest-worker]: Timeout calling "onTaskUpdate"'), the one error the verdict may let through.
 */
import fs from "node:fs";
import type { Reporter, SerializedError } from "vitest/node";

export default class UnhandledErrorsReporter implements Reporter {
  onTestRunEnd(_modules: unknown, unhandledErrors: ReadonlyArray<SerializedError>) {
    const file = `reports/vitest-${process.env.TEST_DRIVER ?? "pglite"}-unhandled.jsonl`;
    fs.mkdirSync("reports", { recursive: true });
    const lines = unhandledErrors.map(({ name, message }) => ({ name, message, runnerTimeout: /^\[vitest-worker\]: Timeout calling "/.test(message ?? "") }));
    fs.writeFileSync(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
  }
}
