import { defineConfig } from "@playwright/test";
import { shardFiles } from "./scripts/e2e-shards";

// End-to-end tests drive the built app (node server.js) in Debian's Chromium.
// The app runs on a fresh embedded database (DATA_DIR below), seeded with the demo organization.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
// The Banxa stand-in (test/stand-ins/serve.ts) the app's live mode reaches in the browser suite.
const STAND_IN_PORT = PORT + 1;
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data-e2e";
// E2E_SHARD=i/n (scripts/test.sh): this shard's spec files, balanced by the time each took (scripts/e2e-shards.ts).
const [shard, shards] = (process.env.E2E_SHARD ?? "").split("/").map(Number);

export default defineConfig({
  testDir: "e2e",
  ...(shard && shards ? { testMatch: shardFiles(shard, shards).map((file) => `**/${file}`) } : {}),
  // Separate output per port, so parallel runs do not clear each other's artifacts.
  outputDir: process.env.E2E_PORT ? `test-results-${process.env.E2E_PORT}` : "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // CI runs the suite in shards beside the vitest passes on two cores: the same steps take longer there.
  timeout: process.env.CI ? 120_000 : 60_000,
  expect: { timeout: process.env.CI ? 20_000 : 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    // CI keeps only what the run prints (a failure's message, its screenshot path): recording a trace of every test
    // to keep the failed ones cost about a third of the browser's time there (the sweep's pages: 36 s → 23 s).
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
      ],
    },
  },
  webServer: [
    {
      command: "npx tsx test/stand-ins/serve.ts",
      // Unsigned, it answers 401 (Banxa's error shape): the runner counts that as up.
      url: `http://127.0.0.1:${STAND_IN_PORT}/api/fiats/buy`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { STAND_IN_PORT: String(STAND_IN_PORT), APP_URL: BASE_URL },
    },
    {
      command: `rm -rf ${E2E_DATA_DIR} ${E2E_DATA_DIR}.secret ${E2E_DATA_DIR}.owner ${E2E_DATA_DIR}.lock && node server.js`,
      url: `${BASE_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        PORT: String(PORT),
        BASE_URL,
        DATA_DIR: E2E_DATA_DIR,
        DATABASE_URL: "",
        REMIX_OUT_DIR: process.env.REMIX_OUT_DIR ?? "",
        SEED_DEMO: "auto",
        // The suite signs in and up many times from one address within a minute.
        AUTH_RATE_LIMIT_PER_MINUTE: "500",
        LOG_REQUESTS: "false",
        GATEWAY_BANXA_BASE_URL: `http://127.0.0.1:${STAND_IN_PORT}`,
        // The SMTP stand-in the specs run in their worker (e2e/fixtures.ts): they read the links mailed.
        SMTP_URL: `smtp://127.0.0.1:${PORT + 2}`,
        MAIL_FROM: "Ramp <no-reply@ramp.test>",
        // The sell checkout spec lets one sale's deposit time out (a sandbox-deposit-timeout@ email; off unless set).
        SANDBOX_SHORT_DEPOSIT_WINDOW_SECONDS: "12",
      },
    },
  ],
});
