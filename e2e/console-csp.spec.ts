/**
 * Console pages send a nonce-based Content-Security-Policy (scripts and style elements only
 * from this origin or with the response's nonce), and work under it in Chromium: no page,
 * dialog, chart or notification trips it. Violations are caught as `securitypolicyviolation`
 * events here, and as console errors by the shared fixture.
 */
import type { Page, Response } from "@playwright/test";
import { DEMO, expect, signIn, test } from "./fixtures";

declare global {
  interface Window {
    __cspViolations: string[];
  }
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ${event.sample} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`.trim(),
      );
    });
  });
});

function expectStrictPolicy(response: Response | null) {
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy, `${response?.url()} sends a policy`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(policy).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
}

async function expectNoViolations(page: Page) {
  // Give late style and script insertions (transitions, charts) a moment.
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => window.__cspViolations), `violations on ${page.url()}`).toEqual([]);
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expectStrictPolicy(response);
  await expectNoViolations(page);
}

test("sign-in and sign-up pages work under the policy", async ({ page }) => {
  await visit(page, "/login");
  await visit(page, "/signup");
  await visit(page, "/no-such-page");
});

test("every console page works under the policy, dialogs and charts included", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  const base = new URL(page.url()).pathname;
  await expectNoViolations(page);

  for (const path of [
    base,
    `${base}/sessions`,
    `${base}/orders`,
    `${base}/customers`,
    `${base}/events`,
    `${base}/webhooks`,
    `${base}/branding`,
    `${base}/gateways`,
    `${base}/settings`,
    `${base}/search?q=acme`,
    `${base.replace(/\/test$/, "/live")}`,
    "/projects",
    "/gateways",
    "/docs/api",
    "/settings/account",
    "/settings/team",
    "/settings/organization",
    "/settings/audit",
  ]) {
    await visit(page, path);
  }

  // A detail page reached by a client-side navigation, and a dialog (portal, transitions).
  await visit(page, `${base}/sessions`);
  await page
    .getByRole("link", { name: /^sess_/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/sessions\/sess_/);
  await expectNoViolations(page);
  await visit(page, `${base}/webhooks`);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoViolations(page);
  await page.keyboard.press("Escape");

  // The colour scheme toggle rewrites styles at runtime.
  await page.emulateMedia({ colorScheme: "dark" });
  await visit(page, base);
});
