/**
 * A partner's receiver (a local HTTP server in this test) gets the sandbox order's events,
 * signed: it verifies each with `standardwebhooks` and finds its partnerMetadata. The
 * console shows the endpoint, its deliveries, the event with its attempts; Resend and
 * Send test event reach the receiver again.
 */
import { startWebhookReceiver, type WebhookReceiver } from "../test/webhook-receiver";
import { demoKeys, expect, screenshotBothSchemes, test } from "./fixtures";
import { sessionBody } from "../test/fixtures";

let receiver: WebhookReceiver;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

test.afterAll(async () => {
  await receiver?.close();
});

test("a sandbox order's webhooks reach the partner signed, and the console shows every attempt", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const keys = await demoKeys(page);
  const base = keys.base;

  // Add the endpoint in the console; the secret is shown in a dialog.
  await page.goto(`${base}/webhooks`);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByLabel("Endpoint URL").fill(receiver.url);
  await page.getByLabel("Description").fill("E2E receiver");
  await page.getByRole("dialog").getByRole("button", { name: "Add endpoint" }).click();
  const secretCode = page.getByTestId("signing-secret");
  await expect(secretCode).toHaveText(/^whsec_/);
  receiver.secret = (await secretCode.textContent())!.trim();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("endpoint-url")).toHaveText(receiver.url);

  // A session with partner metadata, its order, and the payment approved in the browser.
  const created = await page.request.post("/v1/sessions", {
    headers: { Authorization: `Bearer ${keys.secret}` },
    data: sessionBody({
      externalCustomerId: "player_e2e",
      sourceAmount: "50",
      destinationCurrency: "USDC",
      network: "polygon",
      redirectUrl: `${baseURL}/healthz`,
      metadata: { orderId: "partner-order-e2e", userId: "player_e2e" },
    }),
  });
  expect(created.status()).toBe(201);
  const session = (await created.json()).attributes;
  const ordered = await page.request.post(`/v1/sessions/${session.sessionId}/order`, {
    headers: { Authorization: `Bearer ${keys.publishable}` },
    data: {
      clientSecret: session.clientSecret,
      fiatAmount: "50",
      fiatCurrency: "USD",
      cryptoCurrency: "USDC",
      network: "polygon",
      walletAddress: session.destinationAddress,
      gateway: "banxa",
      email: "player@example.com",
    },
  });
  expect(ordered.status(), await ordered.text()).toBe(201);
  const order = await ordered.json();
  await page.goto(order.attributes.checkout.url);
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page).toHaveURL(/\/healthz\?/);

  const ofOrder = (type: string) => (r: (typeof receiver.received)[number]) =>
    r.type === type && (r.payload.data.order?.id === order.id || r.payload.data.transaction?.orderId === order.id);
  for (const type of ["order.created", "order.completed", "transaction.completed"]) {
    const [got] = await receiver.waitFor(ofOrder(type), { timeoutMs: 20_000 });
    expect(got!.verified, `${type} verifies with standardwebhooks`).toBe(true);
    expect(got!.providerSignatureValid, `${type} X-Webhook-Signature`).toBe(true);
    expect(got!.headers["webhook-id"]).toBe(got!.payload.id);
  }
  const [completed] = await receiver.waitFor(ofOrder("order.completed"));
  expect(completed!.payload.data.order.metadata.partnerMetadata).toEqual({ orderId: "partner-order-e2e", userId: "player_e2e" });
  const [createdEvent] = await receiver.waitFor(ofOrder("order.created"));
  expect(createdEvent!.payload.data.order.metadata.partnerMetadata).toEqual({ orderId: "partner-order-e2e", userId: "player_e2e" });

  // The endpoint's deliveries, then the event with its attempt.
  await page.goto(`${base}/webhooks`);
  await expect(page.getByTestId("endpoint-row").filter({ hasText: receiver.url })).toBeVisible();
  await screenshotBothSchemes(page, "webhooks-list");
  await page.getByRole("link", { name: receiver.url }).click();
  await expect(page.getByTestId("delivery-row").filter({ hasText: completed!.payload.id })).toBeVisible();
  await screenshotBothSchemes(page, "webhook-endpoint");
  await page.getByRole("link", { name: "order.completed" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/events/${completed!.payload.id}$`));
  await expect(page.getByTestId("delivery-card").getByTestId("delivery-status")).toHaveText("succeeded");
  await page.getByTestId("attempt").first().getByRole("button").first().click();
  await expect(page.getByText("Request headers")).toBeVisible();
  await expect(page.getByText('"webhook-signature"').first()).toBeVisible();
  await screenshotBothSchemes(page, "webhook-event");

  // Resend: the receiver gets the same event (same webhook-id) once more.
  const before = receiver.received.filter((r) => r.id === completed!.payload.id).length;
  await page.getByRole("button", { name: "Resend" }).click();
  await expect(page.getByText("Resend queued")).toBeVisible();
  await receiver.waitFor((r) => r.id === completed!.payload.id, { count: before + 1 });
  await page.reload();
  await expect(page.getByTestId("attempt")).toHaveCount(2);

  // Send test event from the endpoint page.
  await page.goto(`${base}/webhooks`);
  await page.getByRole("link", { name: receiver.url }).click();
  await page.getByRole("button", { name: "Send test event" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText(/Test order.completed event evt_/)).toBeVisible();
  const [testEvent] = await receiver.waitFor((r) => r.payload.data?.test === true);
  expect(testEvent!.verified).toBe(true);

  // The event log lists the order's events; a narrow window still reads.
  await page.goto(`${base}/events?object=${order.id}`);
  await expect(page.getByTestId("event-row")).toHaveCount(4);
  await screenshotBothSchemes(page, "events-log");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshotBothSchemes(page, "events-log-narrow");
  await page.goto(`${base}/events/${completed!.payload.id}`);
  await screenshotBothSchemes(page, "webhook-event-narrow");

  // Leave the shared demo project as it was.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${base}/webhooks`);
  await page.getByRole("link", { name: receiver.url }).click();
  await page.getByRole("button", { name: "Endpoint actions" }).click();
  await page.getByRole("menuitem", { name: "Delete endpoint…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/webhooks$`));
});

test("an endpoint's settings: chosen event types, pause and resume, roll the secret with a grace period, all events again", async ({ page }) => {
  const { base } = await demoKeys(page);
  const url = "http://127.0.0.1:9/settings-e2e";
  await page.goto(`${base}/webhooks`);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Endpoint URL").fill(url);
  await dialog.getByLabel("Send every event type").uncheck();
  // Two types from the MultiSelect (it sends them as one comma-separated value).
  for (const type of ["order.completed", "order.failed"]) {
    await dialog.getByLabel("Event types").click();
    await page.getByRole("option", { name: type, exact: true }).click();
  }
  await dialog.getByText("Add a webhook endpoint").click(); // closes the options over the button
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByTestId("signing-secret")).toHaveText(/^whsec_/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("endpoint-url")).toHaveText(url);
  await expect(page.getByText("order.completed, order.failed")).toBeVisible();

  const menu = (item: string) =>
    page
      .getByRole("button", { name: "Endpoint actions" })
      .click()
      .then(() => page.getByRole("menuitem", { name: item }).click());
  await menu("Pause deliveries");
  await expect(page.getByText("Deliveries are paused")).toBeVisible();
  await menu("Resume deliveries");
  await expect(page.getByText("Deliveries resumed.")).toBeVisible();
  await expect(page.getByText("Deliveries are paused")).toHaveCount(0);

  await menu("Roll signing secret…");
  await page.getByRole("dialog").getByRole("button", { name: "Roll secret" }).click();
  await expect(page.getByTestId("signing-secret")).toHaveText(/^whsec_/);
  await expect(page.getByText(/The old secret also signs until/)).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText(/Rolled: the old secret also signs until/)).toBeVisible();

  await menu("Edit endpoint…");
  await page.getByRole("dialog").getByLabel("Send every event type").check();
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Endpoint saved.")).toBeVisible();
  await expect(page.getByText("all event types")).toBeVisible();

  await menu("Delete endpoint…");
  await page.getByRole("dialog").getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/webhooks$`));
  await expect(page.getByTestId("endpoint-row").filter({ hasText: url })).toHaveCount(0);
});
