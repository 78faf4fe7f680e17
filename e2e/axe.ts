/**
 * Axe (axe-core) run inside the page as it stands, for every spec that checks accessibility.
 *
 * Why not @axe-core/playwright's AxeBuilder: on every call it injects axe-core again and opens a new page to
 * merge the frames' results, about 1.4 s per call before any rule runs and 13.6 s instead of 2.3 s on the API
 * reference (measured side by side on the same pages). No page we check has a frame that needs checking (the
 * branding preview frames the checkout, which is checked on its own), so axe runs once in the top document.
 */
import { expect, type Page } from "@playwright/test";
import type { AxeResults, ContextObject, RunOptions } from "axe-core";
import fs from "node:fs";
import { createRequire } from "node:module";

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeScope {
  /** Only this part of the page (a dialog, a menu). */
  include?: string;
  /** Parts of the page left out. */
  exclude?: string[];
  /** Only these rules (for example the colour rules, in a second colour scheme). */
  rules?: string[];
}

/** The serious and critical violations axe finds, one line each: rule, what it asks, and up to four elements. */
export async function seriousViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  // Once per document: a navigation clears it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const context: ContextObject = { exclude: (scope.exclude ?? []).map((selector) => [selector]) } as ContextObject;
  if (scope.include) Object.assign(context, { include: [[scope.include]] });
  const options: RunOptions = { resultTypes: ["violations"], iframes: false };
  if (scope.rules) options.runOnly = { type: "rule", values: scope.rules };
  const results: AxeResults = await page.evaluate(
    (run: { context: unknown; options: unknown }) =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }).axe.run(run.context, run.options),
    { context: context as unknown, options: options as unknown },
  );
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .slice(0, 4)
          .map((n) => `${n.target.join(" ")}${n.any[0]?.message ? `: ${n.any[0].message}` : ""}`)
          .join("; ")})`,
    );
}

/** No serious or critical accessibility violation on the page as it stands (`what` names the state in a failure). */
export async function expectAccessible(page: Page, what?: string) {
  expect(await seriousViolations(page), what).toEqual([]);
}
