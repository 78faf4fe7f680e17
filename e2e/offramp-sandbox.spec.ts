import { demoKeys, expect, screenshotBothSchemes, sellSessionWithOrder, test } from "./fixtures";

test("a sandbox sale: Sent moves the order to processing, Approve payout completes it and returns to redirectUrl", async ({ page, baseURL }) => {
  const keys = await demoKeys(page);
  const { sessionId, orderId, checkoutUrl } = await sellSessionWithOrder(page.request, keys, baseURL!);
  await page.goto(checkoutUrl);
  await expect(page.getByTestId("sandbox-crypto")).toHaveText("0.5 ETH");
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshotBothSchemes(page, "sandbox-sale-pending");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshotBothSchemes(page, "sandbox-sale-pending-phone");
  await page.getByRole("button", { name: "Sent" }).click();
  await expect(page.getByTestId("sandbox-deposited")).toBeVisible();
  const processing = await page.request.get(`/v1/orders/${orderId}`, { headers: { Authorization: `Bearer ${keys.secret}` } });
  expect((await processing.json()).attributes.status).toBe("processing");
  await screenshotBothSchemes(page, "sandbox-sale-deposited-phone");
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshotBothSchemes(page, "sandbox-sale-deposited");
  await page.getByRole("button", { name: "Approve payout" }).click();
  await expect(page).toHaveURL(`${baseURL}/healthz?sessionId=${sessionId}&status=completed`);
  const completed = await page.request.get(`/v1/orders/${orderId}`, { headers: { Authorization: `Bearer ${keys.secret}` } });
  expect((await completed.json()).attributes).toMatchObject({ status: "completed", type: "sell", payout: { currency: "EUR", amount: "1444.66" } });
});
