/**
 * Which spec files each browser-suite shard runs (scripts/test.sh runs E2E_SHARDS of them side by side, each with its
 * own server and database).
 *
 * Why not Playwright's own --shard: it splits by test count in file order, so the shard that drew the long console
 * sweep ran 17 minutes while another ran 11. Here whole files (a spec's tests share a signed-in page and records) go
 * longest first to the shard with the least time so far, by the seconds each file took in a full run:
 * e2e/durations.json, rewritten from the run's reports by `npm run e2e:durations` (a file it does not list counts
 * as DEFAULT_SECONDS, so a new spec runs somewhere from the start).
 */
import fs from "node:fs";
import path from "node:path";

export const DEFAULT_SECONDS = 60;
const E2E_DIR = "e2e";
const DURATIONS_FILE = path.join(E2E_DIR, "durations.json");

/** Spreads `files` over `shards` lists, longest first onto the least loaded; ties keep file order (the same split everywhere). */
export function assignShards(files: string[], seconds: Record<string, number>, shards: number): string[][] {
  const cost = (file: string) => seconds[file] ?? DEFAULT_SECONDS;
  const ordered = [...files].sort((a, b) => cost(b) - cost(a) || a.localeCompare(b));
  const loads = Array.from({ length: shards }, () => ({ seconds: 0, files: [] as string[] }));
  for (const file of ordered) {
    const lightest = loads.reduce((best, load) => (load.seconds < best.seconds ? load : best));
    lightest.files.push(file);
    lightest.seconds += cost(file);
  }
  return loads.map((load) => load.files.sort());
}

/** The spec files (names under e2e/) of shard `shard` (1-based) of `shards`. */
export function shardFiles(shard: number, shards: number): string[] {
  const files = fs.readdirSync(E2E_DIR).filter((name) => name.endsWith(".spec.ts"));
  const seconds = fs.existsSync(DURATIONS_FILE) ? (JSON.parse(fs.readFileSync(DURATIONS_FILE, "utf8")) as Record<string, number>) : {};
  return assignShards(files, seconds, shards)[shard - 1] ?? [];
}

/** Seconds per spec file in Playwright JSON reports (each test's time, its hooks included). */
export function durationsFromReports(reports: unknown[]): Record<string, number> {
  interface Suite {
    file?: string;
    suites?: Suite[];
    specs?: { file: string; tests: { results: { duration: number }[] }[] }[];
  }
  const seconds: Record<string, number> = {};
  const walk = (suite: Suite) => {
    for (const spec of suite.specs ?? []) {
      const file = path.basename(spec.file);
      for (const test of spec.tests) for (const result of test.results) seconds[file] = (seconds[file] ?? 0) + result.duration / 1000;
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const report of reports) for (const suite of (report as { suites?: Suite[] }).suites ?? []) walk(suite);
  return Object.fromEntries(
    Object.entries(seconds)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, s]) => [file, Math.round(s)]),
  );
}

// `tsx scripts/e2e-shards.ts durations`: rewrite e2e/durations.json from reports/playwright-*.json (after npm test).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve("scripts/e2e-shards.ts") && process.argv[2] === "durations") {
  const reports = fs
    .readdirSync("reports")
    .filter((name) => /^playwright-\d+\.json$/.test(name))
    .map((name) => JSON.parse(fs.readFileSync(path.join("reports", name), "utf8")) as unknown);
  const seconds = durationsFromReports(reports);
  fs.writeFileSync(DURATIONS_FILE, `${JSON.stringify(seconds, null, 2)}\n`);
  console.log(`${DURATIONS_FILE}: ${Object.keys(seconds).length} spec files, ${Object.values(seconds).reduce((a, b) => a + b, 0)} s in all`);
}
