/** Timing helpers shared by the benchmarks. */

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Milliseconds each of `n` calls of `run` took, after `warmup` untimed calls (JIT, caches, connections). */
export async function sampleTimes(run: () => Promise<unknown>, { n, warmup = 10 }: { n: number; warmup?: number }) {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}
