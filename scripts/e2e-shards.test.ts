import { describe, expect, it } from "vitest";
import { assignShards, DEFAULT_SECONDS, durationsFromReports, shardFiles } from "./e2e-shards";

describe("browser-suite shards", () => {
  it("puts the long files on different shards and fills the rest by time, every file once", () => {
    const seconds = { "craft.spec.ts": 400, "checkout.spec.ts": 300, "a.spec.ts": 100, "b.spec.ts": 100, "c.spec.ts": 90, "d.spec.ts": 10 };
    const shards = assignShards(Object.keys(seconds), seconds, 3);
    expect(shards.flat().sort()).toEqual(Object.keys(seconds).sort());
    const load = shards.map((files) => files.reduce((sum, file) => sum + seconds[file as keyof typeof seconds], 0));
    expect(Math.max(...load)).toBe(400);
    expect(shards.find((files) => files.includes("craft.spec.ts"))).toEqual(["craft.spec.ts"]);
  });

  it("counts a file with no measured time as DEFAULT_SECONDS, and splits the same way for the same input", () => {
    const files = ["new.spec.ts", "old.spec.ts", "tiny.spec.ts"];
    const seconds = { "old.spec.ts": DEFAULT_SECONDS + 1, "tiny.spec.ts": 1 };
    expect(assignShards(files, seconds, 2)).toEqual([["old.spec.ts"], ["new.spec.ts", "tiny.spec.ts"]]);
    expect(assignShards([...files].reverse(), seconds, 2)).toEqual(assignShards(files, seconds, 2));
  });

  it("gives every spec in e2e/ to exactly one of the shards", () => {
    const all = [1, 2, 3].flatMap((shard) => shardFiles(shard, 3));
    expect(all.length).toBeGreaterThan(10);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((file) => file.endsWith(".spec.ts"))).toBe(true);
  });

  it("reads each file's seconds from Playwright JSON reports, nested suites and retries included", () => {
    const report = {
      suites: [
        {
          file: "keys.spec.ts",
          specs: [{ file: "keys.spec.ts", tests: [{ results: [{ duration: 1500 }, { duration: 2500 }] }] }],
          suites: [{ specs: [{ file: "keys.spec.ts", tests: [{ results: [{ duration: 6000 }] }] }] }],
        },
      ],
    };
    const other = { suites: [{ specs: [{ file: "webhooks.spec.ts", tests: [{ results: [{ duration: 800 }] }] }] }] };
    expect(durationsFromReports([report, other])).toEqual({ "keys.spec.ts": 10, "webhooks.spec.ts": 1 });
  });
});
