/**
 * Issue 16 end to end: a partner's bad request over plain HTTP, its requestId copied from the
 * error and pasted in the console search, which opens the request with its body and its error.
 * Then the Logs list, the request page and the Errors view, photographed.
 */
import type { Page } from "@playwright/test";
import { demoKeys, expect, hydrated, screenshotBothSchemes, test } from "./fixtures";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function screenshots(page: Page, name: string) {
  await page.setViewportSize(DESKTOP);
  await screenshotBothSchemes(page, name);
  await page.setViewportSize(PHONE);
  await screenshotBothSchemes(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

test("a bad request's requestId, pasted in the console search, opens the request with its body and error", async ({ page, request }) => {
  await page.setViewportSize(DESKTOP);
  const { secret, base } = await demoKeys(page);
  const auth = { Authorization: `Bearer ${secret}` };

  // A few ordinary calls first, so the log and the Errors view have something around the bad one.
  const good = await request.post("/v1/sessions", {
    headers: auth,
    data: { externalCustomerId: "player_e2e", sourceAmount: "50", sourceCurrency: "USD", destinationCurrency: "ETH", network: "ethereum" },
  });
  expect(good.status()).toBe(201);
  expect((await request.get("/v1/sessions/sess_doesNotExist000000000000", { headers: auth })).status()).toBe(404);

  // The partner's bad request, as curl would send it.
  const bad = await request.post("/v1/sessions", {
    // A client-IP header of the client's own making is not what the log (or the rate limits) take.
    headers: { ...auth, "Content-Type": "application/json", "Idempotency-Key": "e2e-bad-amount", "X-Ramp-Client-Ip": "6.6.6.6" },
    data: { externalCustomerId: "player_e2e", sourceAmount: "-10", sourceCurrency: "USD" },
  });
  expect(bad.status()).toBe(400);
  const error = (await bad.json()).error as { code: string; message: string; requestId: string };
  expect(error.requestId).toMatch(/^req_/);
  expect(bad.headers()["request-id"]).toBe(error.requestId);

  // Written within a few hundred milliseconds (batched): the search finds it then.
  await expect
    .poll(async () => (await (await request.get(`/v1/request_logs?q=${error.requestId}`, { headers: auth })).json()).data.length, { timeout: 5000 })
    .toBe(1);

  await page.goto(`${base}/sessions`);
  await hydrated(page);
  await page.keyboard.press("ControlOrMeta+K");
  const box = page.getByRole("dialog").getByRole("textbox", { name: "Search" });
  await expect(box).toBeFocused();
  await box.fill(error.requestId);
  await box.press("Enter");
  await expect(page).toHaveURL(`${base}/logs/${error.requestId}`);
  await expect(page.getByTestId("request-id")).toHaveText(error.requestId);
  await expect(page.getByTestId("request-error")).toContainText(error.code);
  await expect(page.getByTestId("request-error")).toContainText(error.message);
  await expect(page.getByTestId("request-body")).toContainText('"sourceAmount": "-10"');
  await expect(page.getByTestId("response-body")).toContainText(error.requestId);
  await expect(page.getByTestId("request-headers")).toContainText("sk_test_[redacted]");
  await expect(page.getByTestId("request-fields")).toContainText("e2e-bad-amount");
  await expect(page.getByTestId("request-fields")).toContainText(/127\.0\.0\.1|::1/);
  await expect(page.getByTestId("request-fields")).not.toContainText("6.6.6.6");
  await expect(page.getByTestId("curl")).toContainText("Bearer sk_test_YOUR_KEY");
  await expect(page.locator("body")).not.toContainText(secret);
  await screenshots(page, "request-log-request");

  await page.getByRole("link", { name: "Logs", exact: true }).first().click();
  await expect(page).toHaveURL(`${base}/logs`);
  await expect(page.getByTestId("log-row").first()).toBeVisible();
  await expect(page.getByTestId("logs-table")).toContainText("/v1/sessions");
  await page.getByTestId("logs-search").fill("e2e-bad-amount");
  // The filter bar applies a text filter on Enter.
  await page.getByTestId("logs-search").press("Enter");
  await expect(page).toHaveURL(/q=e2e-bad-amount/);
  await expect(page.getByTestId("log-row")).toHaveCount(1);
  await page.goto(`${base}/logs`);
  await screenshots(page, "request-log-list");

  await page.goto(`${base}/logs/errors`);
  const group = page.getByTestId("error-group").filter({ hasText: error.code });
  await expect(group).toContainText("/v1/sessions");
  await screenshots(page, "request-log-errors");
  await group.getByTestId("error-group-link").click();
  await expect(page).toHaveURL(new RegExp(`error_code=${error.code}`));
  await expect(page.getByTestId("log-row").first()).toContainText(error.code);
});
