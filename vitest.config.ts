import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests. The integration suite runs once per database driver:
// TEST_DRIVER=pglite (always) and TEST_DRIVER=postgres with TEST_DATABASE_URL (see scripts/test.sh).
const INCLUDE = ["app/**/*.test.ts", "db/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"];

// Files that set process.env for themselves (limits, mail, live gateways) run each in a fresh
// process. The rest share their worker process, so the app is imported once per worker rather
// than once per file: importing it was most of the pass's time (collect 526 s of a 1,119 s pass).
// A new file that sets process.env, or keeps module state other files must not see, belongs here.
const OWN_PROCESS = [
  "app/sandbox/deposit-window.test.ts",
  "app/quotes/quotes.test.ts",
  "app/lib/crypto.test.ts",
  "test/request-log.test.ts",
  "test/rate-limit.test.ts",
  "test/auth-rate-limit.test.ts",
  "test/offramp-api.test.ts",
  "test/account-email.test.ts",
  "test/live-flow.test.ts",
  "test/healthz.test.ts",
  "test/api-fuzz.test.ts",
  "test/auth-origins.test.ts",
  "test/sandbox-live.test.ts",
];

export default defineConfig({
  resolve: {
    alias: { "~": path.resolve(__dirname, "app"), "~db": path.resolve(__dirname, "db"), "~test": path.resolve(__dirname, "test") },
  },
  test: {
    environment: "node",
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      { extends: true, test: { name: "own-process", include: OWN_PROCESS, isolate: true } },
      { extends: true, test: { name: "shared-process", include: INCLUDE, exclude: OWN_PROCESS, isolate: false } },
    ],
  },
});
