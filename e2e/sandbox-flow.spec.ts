import type { APIRequestContext } from "@playwright/test";
import { demoKeys, expect, screenshotBothSchemes, test } from "./fixtures";
import { sessionBody } from "../test/fixtures";

async function sessionWithOrder(request: APIRequestContext, keys: { publishable: string; secret: string }, baseURL: string) {
  const created = await request.post("/v1/sessions", {
    headers: { Authorization: `Bearer ${keys.secret}` },
    data: sessionBody({
      externalCustomerId: "player_999",
      sourceAmount: "50",
      destinationCurrency: "USDC",
      network: "polygon",
      // Test mode accepts http://localhost: the browser must be able to land there.
      redirectUrl: `${baseURL}/healthz`,
      type: "onramp",
      metadata: { orderId: "your-internal-order-123" },
    }),
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["request-id"]).toMatch(/^req_/);
  const session = (await created.json()).attributes;
  const ordered = await request.post(`/v1/sessions/${session.sessionId}/order`, {
    headers: { Authorization: `Bearer ${keys.publishable}` },
    data: {
      clientSecret: session.clientSecret,
      fiatAmount: "50",
      fiatCurrency: "USD",
      cryptoCurrency: "USDC",
      network: "polygon",
      walletAddress: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",
      gateway: "banxa",
      email: "player@example.com",
    },
  });
  expect(ordered.status(), await ordered.text()).toBe(201);
  const order = (await ordered.json()).attributes;
  expect(order.checkout.method).toBe("redirect");
  return { sessionId: session.sessionId as string, orderId: order.orderId as string, checkoutUrl: order.checkout.url as string };
}

test("a sandbox payment approved in the browser completes the order and returns to redirectUrl; the owner refunds it from the order page", async ({
  page,
  baseURL,
}) => {
  const keys = await demoKeys(page);
  const project = new URL(page.url()).pathname.replace(/\/keys$/, "");
  const { sessionId, orderId, checkoutUrl } = await sessionWithOrder(page.request, keys, baseURL!);
  await page.goto(checkoutUrl);
  await expect(page.getByTestId("sandbox-fiat")).toHaveText("50.00 USD");
  await screenshotBothSchemes(page, "sandbox-payment");
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page).toHaveURL(`${baseURL}/healthz?sessionId=${sessionId}&status=completed`);
  const session = await page.request.get(`/v1/sessions/${sessionId}`, { headers: { Authorization: `Bearer ${keys.publishable}` } });
  expect((await session.json()).attributes.status).toBe("completed");

  await page.goto(`${project}/orders/${orderId}`);
  await page.getByRole("button", { name: "Refund order" }).click();
  const dialog = page.getByRole("dialog", { name: "Refund order" });
  await dialog.getByLabel("Reason (optional)").fill("Customer cancelled the purchase");
  await screenshotBothSchemes(page, "order-refund-dialog", { fullPage: false });
  await dialog.getByRole("button", { name: "Refund order" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Order refunded.")).toBeVisible();
  await expect(page.getByTestId("order-timeline")).toContainText("Refunded");
  await expect(page.getByTestId("order-timeline")).toContainText("Customer cancelled the purchase");
  await expect(page.getByRole("button", { name: "Refund order" })).toHaveCount(0);
  await screenshotBothSchemes(page, "order-refunded");
  const order = await page.request.get(`/v1/orders/${orderId}`, { headers: { Authorization: `Bearer ${keys.secret}` } });
  expect((await order.json()).attributes).toMatchObject({ status: "refunded", refundReason: "Customer cancelled the purchase" });
});

test("a sandbox payment declined in the browser fails the order", async ({ page, baseURL }) => {
  const keys = await demoKeys(page);
  const { sessionId, checkoutUrl } = await sessionWithOrder(page.request, keys, baseURL!);
  await page.goto(checkoutUrl);
  await page.getByRole("button", { name: "Decline payment" }).click();
  await expect(page).toHaveURL(`${baseURL}/healthz?sessionId=${sessionId}&status=failed`);
  const session = await page.request.get(`/v1/sessions/${sessionId}`, { headers: { Authorization: `Bearer ${keys.secret}` } });
  expect((await session.json()).attributes.status).toBe("failed");
});
