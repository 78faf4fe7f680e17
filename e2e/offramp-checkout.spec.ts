/**
 * The hosted checkout of a sell (offramp) session in a browser: the partner's backend (this test, with the demo
 * project's test secret key) creates the session, the customer opens the checkout link, picks a quote and payout
 * method, gives a refund address and email, sees the deposit instructions (QR, copy), simulates the deposit in the
 * sandbox (Sent, Approve payout) and lands on the partner's redirectUrl; the partner's receiver verifies the signed
 * order.completed. A second test lets a deposit time out (a sandbox-deposit-timeout@ email with the suite's
 * SANDBOX_SHORT_DEPOSIT_WINDOW_SECONDS, playwright.config.ts) and sees a payout declined.
 *
 * Screenshots of every state go to screenshots/offramp-checkout/ (gitignored), only locally or with E2E_SCREENSHOTS=1.
 */
import fs from "node:fs";
import { expectAccessible } from "./axe";
import type { Page } from "@playwright/test";
import { DEMO, demoKeys, expect, signIn, test } from "./fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../test/webhook-receiver";

const REFUND_ADDRESS = "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21";
const SHOTS = "screenshots/offramp-checkout";
const TAKE_SHOTS = !process.env.CI || !!process.env.E2E_SCREENSHOTS;

let keys: { publishable: string; secret: string };
let receiver: WebhookReceiver;
let endpointId: string | undefined;
let baseURL: string;

async function api(pathname: string, init: RequestInit = {}) {
  const response = await fetch(`${baseURL}${pathname}`, {
    ...init,
    headers: { Authorization: `Bearer ${keys.secret}`, "Content-Type": "application/json", ...(init.headers ?? {}) },
  });
  return { status: response.status, body: await response.json() };
}

test.beforeAll(async ({ browser, baseURL: base }) => {
  baseURL = base!;
  const page = await browser.newPage();
  keys = await demoKeys(page);
  await page.close();
  receiver = await startWebhookReceiver();
  const endpoint = await api("/v1/webhook_endpoints", {
    method: "POST",
    body: JSON.stringify({ url: receiver.url, enabledEvents: ["order.completed", "order.expired", "order.refunded"], description: "sell checkout e2e" }),
  });
  expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
  receiver.secret = endpoint.body.attributes.secret;
  endpointId = endpoint.body.id;
  if (TAKE_SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  if (endpointId) await api(`/v1/webhook_endpoints/${endpointId}`, { method: "DELETE" });
  await receiver?.close();
});

/** The partner's backend creates a sell session: 0.5 ETH on Ethereum, paid out in EUR, back to /healthz. */
async function createSellSession(body: Record<string, unknown> = {}) {
  const created = await api("/v1/sessions", {
    method: "POST",
    body: JSON.stringify({
      type: "offramp",
      externalCustomerId: "seller_e2e_checkout",
      sourceAmount: "0.5",
      sourceCurrency: "ETH",
      network: "ethereum",
      destinationCurrency: "EUR",
      country: "DE",
      redirectUrl: `${baseURL}/healthz`,
      ...body,
    }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { sessionId, clientSecret, projectId } = created.body.attributes as { sessionId: string; clientSecret: string; projectId: string };
  const url = new URL("/checkout", baseURL);
  url.search = new URLSearchParams({ sessionId, clientSecret, projectId }).toString();
  return { sessionId, projectId, url: url.toString() };
}

/**
 * The checkout's scheme follows the partner's background (app/checkout/theme.ts), so "dark" is a dark branding: with
 * screenshots the tests run once per look, the dark run under a dark branding set (and then undone) in the console.
 */
const LOOKS = [
  { scheme: "light", branding: null },
  { scheme: "dark", branding: { primaryColor: "#2dd4bf", backgroundColor: "#0f172a" } },
] as const;
type Look = (typeof LOOKS)[number];

/** Sets the demo project's colours on the console's branding page; answers the colours it replaced. */
async function setColours(page: Page, colours: { primaryColor: string; backgroundColor: string }) {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  await page.getByRole("link", { name: "Branding" }).click();
  const primary = page.getByLabel("Primary colour");
  const background = page.getByLabel("Background colour");
  const before = { primaryColor: await primary.inputValue(), backgroundColor: await background.inputValue() };
  await primary.fill(colours.primaryColor);
  await page.keyboard.press("Escape");
  await background.fill(colours.backgroundColor);
  await page.keyboard.press("Escape");
  const save = page.getByRole("button", { name: "Save changes" });
  if (await save.isEnabled()) {
    await save.click();
    await expect(page.getByRole("status")).toContainText(/Branding saved|Nothing changed since the last save/);
  }
  // Off the branding page before the cookies go (its preview frames reload after a save).
  await page.goto("about:blank");
  await page.context().clearCookies();
  return before;
}

/** Desktop and phone size in this look; at phone size nothing may be wider than the screen. */
async function shoot(page: Page, look: Look, name: string) {
  for (const viewport of [
    { width: 1440, height: 900, label: "desktop" },
    { width: 390, height: 844, label: "phone" },
  ]) {
    await page.setViewportSize(viewport);
    if (viewport.width === 390) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name}: no sideways scroll`).toBeLessThanOrEqual(390);
      // Addresses wrap inside their boxes rather than running out of them.
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="deposit-address"], [data-testid="sell-outcome"]')]
          .filter((el) => el.scrollWidth > el.clientWidth)
          .map((el) => el.getAttribute("data-testid")),
      );
      expect(clipped, `${name}: clipped at phone size`).toEqual([]);
    }
    if (TAKE_SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${viewport.label}-${look.scheme}.png`, fullPage: true, animations: "disabled" });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Picks Banxa, pays out by SEPA, and places the sale with a refund address (when the session left it open) and an email. */
async function placeSale(page: Page, email: string, refundAddress?: string) {
  await expect(page.getByTestId("quote").first()).toBeVisible();
  await page.getByTestId("field-payoutMethod").click();
  await page.getByRole("option", { name: "SEPA bank transfer" }).click();
  await expect(page.getByTestId("quote").filter({ hasText: "SEPA" }).first()).toBeVisible();
  await page.getByTestId("quote").filter({ hasText: "Banxa" }).click();
  if (refundAddress) await page.getByTestId("field-refundAddress").fill(refundAddress);
  await page.getByTestId("field-email").fill(email);
  await page.getByTestId("checkout-submit").click();
  await expect(page.getByTestId("deposit-instructions")).toBeVisible();
}

for (const look of TAKE_SHOTS ? LOOKS : [LOOKS[0]]) {
  test.describe(`${look.scheme} look`, () => {
    let replaced: { primaryColor: string; backgroundColor: string } | null = null;
    test.beforeAll(async ({ browser }) => {
      if (!look.branding) return;
      const page = await browser.newPage();
      replaced = await setColours(page, look.branding);
      await page.close();
    });
    test.afterAll(async ({ browser }) => {
      if (!replaced) return;
      const page = await browser.newPage();
      await setColours(page, replaced);
      await page.close();
    });

    test("a sale through the hosted checkout: quote, deposit instructions, sandbox deposit and payout, back to redirectUrl", async ({ page, context }) => {
      const metadata = { saleId: "sale-checkout-e2e", userId: "seller_42" };
      const session = await createSellSession({ metadata });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(session.url);
      // The secret leaves the address bar at once.
      await expect(page).toHaveURL(`${baseURL}/checkout?sessionId=${session.sessionId}&projectId=${session.projectId}`);
      await expect(page.getByRole("heading", { name: "Sell ETH" })).toBeVisible();
      for (const [field, value] of [
        ["sourceAmount", "0.5"],
        ["sourceCurrency", "ETH · Ether"],
        ["network", "Ethereum"],
        ["destinationCurrency", "EUR · Euro"],
      ]) {
        await expect(page.getByTestId(`field-${field}`), field).toHaveValue(value!);
        await expect(page.getByTestId(`field-${field}`), field).toHaveAttribute("readonly", "");
      }
      // Ranked by what the customer receives, most first.
      const amounts = await page.getByTestId("quote-amount").evaluateAll((nodes) => nodes.map((n) => Number(n.textContent)));
      expect(amounts.length).toBeGreaterThan(0);
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
      await expectAccessible(page, "sell: quotes");
      await shoot(page, look, "quote-choice");

      await placeSale(page, "seller@example.com", REFUND_ADDRESS);
      const address = (await page.getByTestId("deposit-address").textContent())!.trim();
      expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
      await expect(page.getByTestId("deposit-amount")).toHaveText("0.5 ETH");
      await expect(page.getByTestId("deposit-network")).toHaveText("Ethereum");
      await expect(page.getByTestId("deposit-countdown")).toHaveText(/^\d+:\d\d(:\d\d)?$/);
      // The QR code really rendered (a data: image under the page's CSP).
      await expect(page.getByTestId("deposit-qr")).toBeVisible();
      expect(await page.getByTestId("deposit-qr").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
      await page.getByTestId("copy-deposit-address").click();
      await expect(page.getByTestId("copy-deposit-address")).toHaveText("Copied");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address);
      await expectAccessible(page, "sell: deposit instructions");
      await shoot(page, look, "deposit-instructions");
      // At phone size the whole address stays readable: it wraps inside its box.
      await page.setViewportSize({ width: 390, height: 844 });
      const box = await page.getByTestId("deposit-address").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(box.scroll).toBeLessThanOrEqual(box.client);
      await page.setViewportSize({ width: 1440, height: 900 });

      // A reload resumes on the deposit instructions, in the partner's colours.
      const background = await page.locator("body").evaluate((el) => getComputedStyle(el).backgroundColor);
      await page.reload();
      await expect(page.getByTestId("deposit-address")).toHaveText(address);
      await expect(page.locator("body")).toHaveCSS("background-color", background);

      // The tester simulates the deposit in the sandbox, in a new tab; the checkout follows by itself.
      const [sandbox] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: "Open the sandbox to simulate the deposit" }).click()]);
      await expect(sandbox.getByTestId("sandbox-crypto")).toHaveText("0.5 ETH");
      await sandbox.getByRole("button", { name: "Sent" }).click();
      await expect(sandbox.getByTestId("sandbox-deposited")).toBeVisible();
      await expect(page.getByTestId("sell-order")).toHaveAttribute("data-status", "processing");
      await expect(page.getByRole("heading", { name: "Deposit received" })).toBeVisible();
      await shoot(page, look, "deposit-received");

      await sandbox.getByRole("button", { name: "Approve payout" }).click();
      const back = `${baseURL}/healthz?sessionId=${session.sessionId}&status=completed`;
      await expect(sandbox).toHaveURL(back);
      await sandbox.close();
      await expect(page.getByRole("heading", { name: "Payout sent" })).toBeVisible();
      await expect(page).toHaveURL(back);

      const [webhook] = await receiver.waitFor((r) => r.type === "order.completed" && r.payload.data.order?.sessionId === session.sessionId, {
        timeoutMs: 20_000,
      });
      expect(webhook!.verified, "verifies with standardwebhooks").toBe(true);
      expect(webhook!.payload.data.order).toMatchObject({ type: "sell", metadata: { partnerMetadata: metadata } });

      // The link again (the tab kept its credentials): the sale is done, with the way back.
      await page.goto(`/checkout?sessionId=${session.sessionId}&projectId=${session.projectId}`);
      await expect(page.getByTestId("sell-order")).toHaveAttribute("data-status", "completed");
      await expect(page.getByTestId("sell-return")).toHaveAttribute("href", back);
      await expectAccessible(page, "sell: completed");
      await shoot(page, look, "completed");
    });

    test("a deposit that never arrives expires in the checkout; a declined payout says the crypto was returned", async ({ page, context }) => {
      test.setTimeout(90_000);
      // The session sets the refund address: the customer sees it locked.
      const timingOut = await createSellSession({ refundAddress: REFUND_ADDRESS, metadata: { saleId: "sale-timeout" } });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(timingOut.url);
      await expect(page.getByTestId("field-refundAddress")).toHaveAttribute("readonly", "");
      await placeSale(page, "sandbox-deposit-timeout@example.com");

      // Meanwhile, in another tab, a sale whose payout is declined.
      const declined = await createSellSession({ metadata: { saleId: "sale-declined" } });
      const other = await context.newPage();
      await other.setViewportSize({ width: 1440, height: 900 });
      await other.goto(declined.url);
      await placeSale(other, "seller@example.com", REFUND_ADDRESS);
      const [sandbox] = await Promise.all([other.waitForEvent("popup"), other.getByRole("link", { name: "Open the sandbox to simulate the deposit" }).click()]);
      await sandbox.getByRole("button", { name: "Sent" }).click();
      await sandbox.getByRole("button", { name: "Decline payout" }).click();
      await expect(other.getByTestId("sell-order")).toHaveAttribute("data-status", "refunded");
      await expect(other.getByTestId("sell-outcome")).toContainText("back to your refund address");
      await sandbox.close();
      await shoot(other, look, "failed");
      await other.close();

      // The short window (12 s) passes: the poll finds the sale expired.
      await expect(page.getByTestId("sell-order")).toHaveAttribute("data-status", "expired", { timeout: 30_000 });
      await expect(page.getByRole("heading", { name: "The deposit window closed" })).toBeVisible();
      await expect(page.getByTestId("deposit-address")).toHaveCount(0);
      await expectAccessible(page, "sell: expired");
      await shoot(page, look, "expired");
      const [expired] = await receiver.waitFor((r) => r.type === "order.expired" && r.payload.data.order?.sessionId === timingOut.sessionId, {
        timeoutMs: 20_000,
      });
      expect(expired!.verified).toBe(true);
    });
  });
}
