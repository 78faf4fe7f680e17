import type { APIRequestContext } from "@playwright/test";
import { demoKeys, expect, screenshotBothSchemes, test } from "./fixtures";

/** A sell session (0.5 ETH for EUR) and its order at the Banxa sandbox: deposit instructions and the sandbox page. */
async function sellSessionWithOrder(request: APIRequestContext, keys: { publishable: string; secret: string }, baseURL: string) {
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
