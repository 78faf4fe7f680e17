/**
 * Issue 17: the webhook code samples on the webhooks pages, and the console's quick start followed as a new developer
 * would (copy the curl, run it, open the url, approve, land on the outcome page, `ramp listen` forwards the events).
 */
import { demoKeys, expect, screenshotBothSchemes, test } from "./fixtures";

test("the webhooks page shows receiver samples to copy, at desktop and phone widths", async ({ page }) => {
  const keys = await demoKeys(page);
  await page.goto(`${keys.base}/webhooks`);
  const samples = page.getByTestId("webhook-code-samples");
  await expect(samples.getByText("raw body", { exact: true })).toBeVisible();
  await expect(samples.getByTestId("webhook-sample-node")).toContainText('express.raw({ type: "application/json" })');
  await samples.getByRole("tab", { name: "Python (standardwebhooks)" }).click();
  await expect(samples.getByTestId("webhook-sample-python")).toContainText("from standardwebhooks");
  await samples.getByRole("tab", { name: "Hex HMAC (X-Webhook-Signature)" }).click();
  await expect(samples.getByTestId("webhook-sample-hmac")).toContainText("hmac.compare_digest");
  await samples.getByRole("tab", { name: "Node (standardwebhooks)" }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshotBothSchemes(page, "webhooks-samples-1440");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshotBothSchemes(page, "webhooks-samples-390");
});
