/**
 * Shared fixtures: every page is watched for console errors and hydration warnings
 * (a test fails if React complains), and screenshots land in e2e/.artifacts.
 */
import { test as base, expect, type Page } from "@playwright/test";

export const DEMO = { email: "demo@ramp.test", password: "demo-password-1234" };
export const SCREENSHOT_DIR = "e2e/.artifacts/screenshots";

export const test = base.extend<{ consoleProblems: string[] }>({
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        const text = message.text();
        if (message.type() === "error" || /hydrat|did not match|Warning:/i.test(text)) {
          // A 403/404 page we navigate to on purpose logs its failed resource load; that is expected.
          if (/Failed to load resource: the server responded with a status of (403|404)/.test(text)) return;
          problems.push(`${message.type()}: ${text}`);
        }
      });
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      await use(problems);
      expect(problems, "browser console errors or hydration warnings").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

let counter = 0;
/** A unique, valid email for a test user. */
export function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@example.com`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signUp(page: Page, input: { name: string; email: string; password: string }, path = "/signup") {
  await page.goto(path);
  await page.getByLabel("Your name").fill(input.name);
  await page.getByLabel("Work email").fill(input.email);
  await page.getByLabel("Password").fill(input.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Full-page screenshot in light and dark (`fullPage: false` for the viewport, e.g. with a dialog open). */
export async function screenshotBothSchemes(page: Page, name: string, { fullPage = true } = {}) {
  // The header is fixed: a scrolled page would show it part-way down a full-page capture.
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate((s) => document.documentElement.setAttribute("data-mantine-color-scheme", s), scheme);
    // Finished, not mid-way: a dialog still fading in would look half transparent.
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${scheme}.png`, fullPage, animations: "disabled" });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Signs in as the demo owner and reads the demo project's test keys as a developer would: publishable from the overview, secret revealed on the keys page. */
export async function demoKeys(page: Page) {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/test$/);
  const base = new URL(page.url()).pathname;
  const publishable = (await page.getByTestId("key-publishable").textContent())!.trim();
  await page.goto(`${base}/keys`);
  // Other specs create, roll and revoke keys in this project: take any active, revealable test secret key.
  const secretRow = page
    .locator('[data-testid="key-row"][data-kind="secret"][data-status="active"]')
    .filter({ has: page.getByRole("button", { name: /Reveal/ }) })
    .first();
  // Pin the row by its key id first: once revealed it no longer has a Reveal button.
  const tokenCell = page.getByTestId((await secretRow.locator('[data-testid^="token-"]').getAttribute("data-testid"))!);
  await secretRow.getByRole("button", { name: /Reveal/ }).click();
  await expect(tokenCell).toHaveText(/^sk_test_[0-9A-Za-z]{43}$/);
  const secret = (await tokenCell.textContent())!.trim();
  // base: the demo project's test-mode console path, for pages the caller visits next.
  return { publishable, secret, base };
}
