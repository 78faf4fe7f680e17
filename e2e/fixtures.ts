/**
 * Shared fixtures: every page is watched for console errors and hydration warnings
 * (a test fails if React complains), and screenshots land in e2e/.artifacts.
 */
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { linkIn, startSmtpStandIn, type SmtpStandIn } from "../test/stand-ins/smtp";

export const DEMO = { email: "demo@ramp.test", password: "demo-password-1234" };
export const SCREENSHOT_DIR = "e2e/.artifacts/screenshots";

/** Where the app sends mail in the browser suite (playwright.config.ts sets SMTP_URL to it). */
export const SMTP_PORT = Number(process.env.E2E_PORT ?? 3210) + 2;
let mailbox: SmtpStandIn | undefined;

export const test = base.extend<{ consoleProblems: string[] }, { mailbox: SmtpStandIn }>({
  // The app's mail server, in the test worker: a spec reads the links the app mailed.
  mailbox: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature
    async ({}, use) => {
      mailbox = await startSmtpStandIn({ port: SMTP_PORT });
      await use(mailbox);
      await mailbox.close();
      mailbox = undefined;
    },
    { scope: "worker", auto: true },
  ],
  consoleProblems: [
    async ({ page }, use) => {
      skipScreenshotsInCi(page);
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

/**
 * CI takes no screenshots (nobody looks at them there, and the full-page captures cost minutes of its 25-minute
 * budget on two cores); E2E_SCREENSHOTS=1 turns them back on. Patched on the Page class, so pages a spec opens itself
 * (a second browser, a new context) are covered too. Locally they are always taken, to be looked at.
 */
function skipScreenshotsInCi(page: Page) {
  if (!process.env.CI || process.env.E2E_SCREENSHOTS) return;
  const proto = Object.getPrototypeOf(page) as { screenshot: Page["screenshot"]; __rampNoScreenshots?: true };
  if (proto.__rampNoScreenshots) return;
  proto.__rampNoScreenshots = true;
  const take = proto.screenshot;
  // Only the specs' own pictures (under screenshots/): Playwright's picture of a failure is still taken.
  proto.screenshot = async function (this: Page, options) {
    if (options?.path?.includes("screenshots/")) return Buffer.alloc(0);
    return take.call(this, options);
  };
}

let counter = 0;
/** A unique, valid email for a test user. */
export function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@example.com`;
}

/**
 * Waits until the page runs its scripts (app/root.tsx marks <html> with data-hydrated): a key pressed before then
 * (Ctrl/Cmd+K) does nothing, as it would for a person on a slow connection, and CI's loaded cores can take seconds.
 */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
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

/** Signs up and goes on past "check your email" (to onboarding, or where the sign-up was headed). */
export async function signUpAndContinue(page: Page, input: { name: string; email: string; password: string }, path = "/signup") {
  await signUp(page, input, path);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("link", { name: "Continue" }).click();
}

/** The link of the newest mail the app sent to `email` with `subject`, as a path on the app. */
export async function mailedPath(email: string, subject: string, path: string): Promise<string> {
  if (!mailbox) throw new Error("the mailbox fixture is not running");
  const mail = await mailbox.waitFor(email, (m) => m.subject === subject);
  const link = new URL(linkIn(mail, path));
  return `${link.pathname}${link.search}`;
}

/** Opens the verification link mailed to `email` (as its owner would) and continues where it leads. */
export async function verifyEmailByMail(page: Page, email: string) {
  await page.goto(await mailedPath(email, "Verify your email for Ramp", "/verify-email"));
  await expect(page.getByRole("heading", { name: "Email verified" })).toBeVisible();
  await page.getByRole("link", { name: /^Continue/ }).click();
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
  return testKeys(page);
}

/** The test keys of the project open in `page` (signed in as its owner), read as in `demoKeys`. */
export async function testKeys(page: Page) {
  const overview = new URL(page.url()).pathname.replace(/\/test\/.*$/, "/test");
  if (new URL(page.url()).pathname !== overview) await page.goto(overview);
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

/** A sell session (0.5 ETH for EUR) and its order at the Banxa sandbox: deposit instructions and the sandbox page. */
export async function sellSessionWithOrder(request: APIRequestContext, keys: { publishable: string; secret: string }, baseURL: string) {
  const created = await request.post("/v1/sessions", {
    headers: { Authorization: `Bearer ${keys.secret}` },
    data: {
      type: "offramp",
      externalCustomerId: "seller_e2e",
      sourceAmount: "0.5",
      sourceCurrency: "ETH",
      network: "ethereum",
      destinationCurrency: "EUR",
      refundAddress: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",
      redirectUrl: `${baseURL}/healthz`,
      metadata: { orderId: "sale-e2e" },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const session = (await created.json()).attributes;
  const ordered = await request.post(`/v1/sessions/${session.sessionId}/order`, {
    headers: { Authorization: `Bearer ${keys.publishable}` },
    data: { clientSecret: session.clientSecret, gateway: "banxa", payoutMethod: "sepa" },
  });
  expect(ordered.status(), await ordered.text()).toBe(201);
  const order = (await ordered.json()).attributes;
  expect(order.deposit).toMatchObject({ network: "ethereum", currency: "ETH", amount: "0.5" });
  return { sessionId: session.sessionId as string, orderId: order.orderId as string, checkoutUrl: order.checkout.url as string };
}
