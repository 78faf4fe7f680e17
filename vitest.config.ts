import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests. The integration suite runs once per database driver:
// TEST_DRIVER=pglite (always) and TEST_DRIVER=postgres with TEST_DATABASE_URL (see scripts/test.sh).
export default defineConfig({
  resolve: {
    alias: { "~": path.resolve(__dirname, "app"), "~db": path.resolve(__dirname, "db"), "~test": path.resolve(__dirname, "test") },
  },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
