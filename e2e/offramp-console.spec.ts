import type { Page } from "@playwright/test";
import { demoKeys, expect, screenshotBothSchemes, sellSessionWithOrder, test } from "./fixtures";

/** Desktop and phone, light and dark. */
async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshotBothSchemes(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshotBothSchemes(page, `${name}-phone`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("the sandbox page works before its scripts run: Sent and Approve payout as plain form posts", async ({ page, browser, baseURL }) => {
  const keys = await demoKeys(page);
  const { orderId, checkoutUrl } = await sellSessionWithOrder(page.request, keys, baseURL!);
  // Scripts off: what a tester's click does before the page hydrates on a slow connection. The page
  // asks for no Referer, so the browser sends these posts with "Origin: null".
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const sandbox = await noScript.newPage();
  await sandbox.goto(checkoutUrl);
  await sandbox.getByRole("button", { name: "Sent" }).click();
  await expect(sandbox.getByTestId("sandbox-deposited")).toBeVisible();
  await sandbox.getByRole("button", { name: "Approve payout" }).click();
  // The payout approved, the sandbox returns to the partner's redirectUrl, as the gateway would.
  await expect(sandbox).toHaveURL(new RegExp(`^${baseURL}/healthz`));
  await noScript.close();
  const order = await page.request.get(`/v1/orders/${orderId}`, { headers: { Authorization: `Bearer ${keys.secret}` } });
  expect((await order.json()).attributes.status).toBe("completed");
});

test("a sale made through the API: Sell in the filtered lists, its deposit and payout on the order and session pages", async ({ page, baseURL }) => {
  const keys = await demoKeys(page);
  const { sessionId, orderId, checkoutUrl } = await sellSessionWithOrder(page.request, keys, baseURL!);
  // The customer sends the crypto at the sandbox: the deposit arrives.
  await page.goto(checkoutUrl);
  await page.getByRole("button", { name: "Sent" }).click();
  await expect(page.getByTestId("sandbox-deposited")).toBeVisible();

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${keys.base}/orders`);
  await page.getByRole("textbox", { name: "Type", exact: true }).click();
  await page.getByRole("option", { name: "Sell", exact: true }).click();
  await expect(page).toHaveURL(`${keys.base}/orders?type=sell`);
  const row = page.getByTestId("order-row").filter({ hasText: orderId });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("trade-type")).toHaveText("Sell");
  await expect(row).toContainText("0.5 ETH");
  // Every row of the filtered list is a sell.
  await expect(page.getByTestId("orders-table").getByTestId("trade-type").filter({ hasText: "Buy" })).toHaveCount(0);
  await screenshots(page, "offramp-orders");

  await row.getByRole("link", { name: orderId }).click();
  await expect(page).toHaveURL(`${keys.base}/orders/${orderId}`);
  await expect(page.getByTestId("order-amounts")).toContainText("Customer sells");
  const deposit = page.getByTestId("sell-deposit");
  await expect(deposit).toContainText("0.5 ETH");
  await expect(deposit).toContainText("Ethereum");
  await expect(page.getByTestId("deposit-address")).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  await expect(deposit.getByRole("button", { name: "Copy deposit address" })).toBeVisible();
  await expect(page.getByTestId("deposit-state")).toHaveText(/^Received /);
  await expect(deposit).toContainText("0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21");
  const payout = page.getByTestId("sell-payout");
  await expect(payout).toContainText("SEPA bank transfer");
  await expect(payout).toContainText("EUR");
  await expect(page.getByTestId("payout-state")).toHaveText("Pending");
  await screenshots(page, "offramp-order");

  await page.goto(`${keys.base}/sessions?type=offramp`);
  const sessionRow = page.getByTestId("session-row").filter({ hasText: sessionId });
  await expect(sessionRow.getByTestId("trade-type")).toHaveText("Sell");
  await expect(page.getByTestId("sessions-table").getByTestId("trade-type").filter({ hasText: "Buy" })).toHaveCount(0);
  await screenshots(page, "offramp-sessions");

  await sessionRow.getByRole("link", { name: sessionId }).click();
  await expect(page.getByTestId("session-fields")).toContainText("Crypto sold");
  await expect(page.getByTestId("sell-deposit")).toContainText("0.5 ETH");
  await expect(page.getByTestId("sell-payout")).toContainText("SEPA bank transfer");
  await screenshots(page, "offramp-session");

  await page.goto(`${keys.base}?range=24h`);
  await expect(page.getByTestId("volume-chart")).toBeVisible();
  // The overview's recent sessions label the sale a Sell, with the crypto it sells and the fiat it is for.
  const recent = page.getByTestId("recent-sessions").getByTestId("session-row").filter({ hasText: sessionId });
  await expect(recent.getByTestId("trade-type")).toHaveText("Sell");
  await expect(recent).toContainText("0.5 ETH on Ethereum");
  await expect(page.getByTestId("recent-sessions").getByRole("columnheader", { name: "For" })).toBeVisible();
  await screenshots(page, "offramp-overview");
});
