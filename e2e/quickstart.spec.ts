/**
 * Issue 17: the webhook code samples on the webhooks pages, and the console's quick start followed as a new developer
 * would (copy the curl, run it, open the url, approve, land on the outcome page, `ramp listen` forwards the events).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../test/server-process";
import { DEMO, demoKeys, expect, screenshotBothSchemes, signIn, test } from "./fixtures";

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

/**
 * The issue's "Done when": a developer follows the console's own quick start. Step 4's command, copied from the page
 * and run as is in a shell, starts the repo's example receiver and `ramp listen` with one secret; the curl copied from
 * the page is run as is; its url opens the hosted checkout; the sandbox payment is approved; the browser lands on our
 * outcome page; the example receiver verifies order.completed.
 */
test("the quick start end to end: copy the curl, run it, open the url, approve, land on the outcome page, ramp listen forwards order.completed", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(150_000);
  let terminal: ChildProcess | undefined;
  try {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await signIn(page, DEMO.email, DEMO.password);
    await expect(page).toHaveURL(/\/test$/);
    const base = new URL(page.url()).pathname;
    await page.goto(`${base}/get-started`);
    const card = page.getByTestId("quick-start-card");
    await card.getByRole("button", { name: "Insert my test secret key" }).click();
    await expect(card.getByTestId("quick-start")).toContainText(/Bearer sk_test_[0-9A-Za-z]{43}/);

    // Step 4 first, as a developer would leave it running: one paste into a second terminal (the receiver on a free
    // port here instead of 4000).
    await card.getByRole("button", { name: "Copy listen command" }).click();
    const listenCommand = await page.evaluate(() => navigator.clipboard.readText());
    expect(listenCommand).toMatch(
      /^export RAMP_WEBHOOK_SECRET=whsec_\S+\nnode docs\/examples\/webhook-receiver.mjs &\nRAMP_API_KEY=sk_test_\w+ RAMP_BASE_URL=http:\/\/localhost:\d+ npx ramp listen --forward-to http:\/\/localhost:4000\/webhooks$/,
    );
    const port = await freePort();
    const lines: string[] = [];
    const child = spawn("bash", ["-c", listenCommand.replace("http://localhost:4000/webhooks", `http://localhost:${port}/webhooks`)], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: the receiver in the background stops with it
    });
    terminal = child;
    const collect = (c: Buffer) => lines.push(...String(c).split("\n").filter(Boolean));
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    await expect.poll(() => (lines.includes("listening") && lines.some((l) => l.startsWith("Ready."))) || lines.join("\n"), { timeout: 30_000 }).toBe(true);
    const secret = listenCommand.split("\n")[0]!.slice("export RAMP_WEBHOOK_SECRET=".length);
    expect(lines).toContain(`Signing secret: ${secret}`);

    // Step 1: the curl, copied from the page and run in a shell.
    await card.getByRole("button", { name: "Copy command" }).click();
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    const answer = JSON.parse(execFileSync("bash", ["-c", `${curl} --silent`], { encoding: "utf8" }));
    expect(answer.attributes.redirectUrl).toBe(`${baseURL}/quickstart/return`);

    // Steps 2 and 3: open the url, pay in the sandbox.
    await page.goto(answer.attributes.url);
    await page.getByTestId("quote").filter({ hasText: "Banxa" }).click();
    await page.getByTestId("field-email").fill("player@example.com");
    await page.getByTestId("checkout-submit").click();
    await page.getByRole("button", { name: "Approve payment" }).click();

    // Our outcome page.
    await expect(page).toHaveURL(`${baseURL}/quickstart/return?sessionId=${answer.id}&status=completed`);
    await expect(page.getByTestId("outcome-status")).toContainText("Paid: the sandbox order completed");
    await expect(page.getByTestId("outcome-session")).toHaveText(answer.id);
    await expect(page.getByTestId("outcome-order-status")).toHaveText("completed");
    const orderId = (await page.getByTestId("outcome-order").textContent())!.trim();

    // ramp listen forwarded order.completed, and the example receiver verified it with the shared secret and applied it.
    await expect
      .poll(() => lines.find((l) => l.startsWith(`applied order.completed ${orderId} completed`)) ?? lines.join("\n"), { timeout: 30_000 })
      .toBe(`applied order.completed ${orderId} completed`);
    const eventId = lines.find((l) => l.startsWith("verified order.completed "))!.split(" ")[2]!;
    await expect.poll(() => lines.some((l) => l.includes(`${eventId}  → 200`))).toBe(true);

    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.reload();
      await screenshotBothSchemes(page, `quickstart-outcome-${width}`);
      await page.goto(`${base}/get-started`);
      await expect(page.getByTestId("quick-start-step-pay")).toHaveAttribute("data-done", "true");
      await screenshotBothSchemes(page, `quickstart-get-started-${width}`);
      await page.goto(base);
      await page.getByTestId("quick-start-card").scrollIntoViewIfNeeded();
      await screenshotBothSchemes(page, `quickstart-overview-${width}`);
      await page.goto(`${baseURL}/quickstart/return?sessionId=${answer.id}&status=completed`);
    }
  } finally {
    if (terminal?.pid) process.kill(-terminal.pid, "SIGTERM");
  }
});
