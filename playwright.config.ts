import { defineConfig } from "@playwright/test";

// End-to-end tests drive the built app (node server.js) in Debian's Chromium.
// The app runs on a fresh embedded database (DATA_DIR below), seeded with the demo organization.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
// The Banxa stand-in (test/stand-ins/serve.ts) the app's live mode reaches in the browser suite.
const STAND_IN_PORT = PORT + 1;
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data-e2e";

export default defineConfig({
  testDir: "e2e",
  // The console craft sweep (every page and dialog at two sizes, axe, overflow) takes ~6 minutes on CI's two cores,
  // which the 25-minute budget cannot hold yet: run it with CRAFT_SPEC=1, or locally (not CI) where it always runs.
  testIgnore: process.env.CI && !process.env.CRAFT_SPEC ? ["**/console-craft.spec.ts"] : [],
  // Separate output per port, so parallel runs do not clear each other's artifacts.
  outputDir: process.env.E2E_PORT ? `test-results-${process.env.E2E_PORT}` : "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
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
      },
    },
  ],
});
