import { expectAccessible } from "./axe";
import type { Page } from "@playwright/test";
import fs from "node:fs";
import { DEMO, expect, screenshotBothSchemes, hydrated, signIn, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function screenshots(page: Page, name: string) {
  await page.setViewportSize(DESKTOP);
  await screenshotBothSchemes(page, name);
  await page.setViewportSize(PHONE);
  await screenshotBothSchemes(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

async function signInToProject(page: Page) {
  await page.setViewportSize(DESKTOP);
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  return new URL(page.url()).pathname;
}

async function pickOption(page: Page, label: string, option: string) {
  await page.getByRole("textbox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

test("sessions: a filter chosen while another is still loading keeps both", async ({ page }) => {
  const project = await signInToProject(page);
  await page.goto(`${project}/sessions`);
  await expect(page.getByTestId("session-row")).toHaveCount(10);
  // Hold the status filter's data back, as a slow network or a busy server would, and pick
  // the page size meanwhile: the second choice builds on the first, not on the page shown.
  let held = false;
  await page.route(/\/sessions\.data\?.*status=completed/, async (route) => {
    if (!held) {
      held = true;
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await route.continue();
  });
  await pickOption(page, "Status", "completed");
  await expect(page.getByTestId("filter-bar")).toHaveAttribute("aria-busy", "true");
  await pickOption(page, "Per page", "25");
  await expect(page).toHaveURL(/limit=25/);
  await expect(page).toHaveURL(/status=completed/);
  await expect(page.getByTestId("session-row")).toHaveCount(25);
  for (const badge of await page.getByTestId("session-row").locator("td:nth-child(2)").allInnerTexts()) expect(badge).toBe("completed");
});

test("sessions: filters and pages live in the URL, forward, back and through history", async ({ page }) => {
  const project = await signInToProject(page);
  await page.getByRole("link", { name: "Sessions", exact: true }).click();
  await expect(page).toHaveURL(`${project}/sessions`);
  await expect(page.getByTestId("session-row")).toHaveCount(10);

  await pickOption(page, "Status", "completed");
  await expect(page).toHaveURL(/status=completed/);
  await pickOption(page, "Per page", "25");
  await expect(page).toHaveURL(/limit=25/);
  await expect(page.getByTestId("session-row")).toHaveCount(25);
  for (const badge of await page.getByTestId("session-row").locator("td:nth-child(2)").allInnerTexts()) expect(badge).toBe("completed");
  const firstPageIds = await page.getByTestId("session-row").locator("td:first-child").allInnerTexts();
  await expect(page.getByRole("link", { name: "Previous" })).toHaveAttribute("aria-disabled", "true");

  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(new RegExp(`starting_after=${firstPageIds[24]}`));
  await expect(page).toHaveURL(/status=completed/);
  await expect(page.getByTestId("session-row").first().locator("td:first-child")).not.toHaveText(firstPageIds[0]!);
  const secondPageIds = await page.getByTestId("session-row").locator("td:first-child").allInnerTexts();
  expect(secondPageIds).toHaveLength(25);
  expect(secondPageIds).not.toContain(firstPageIds[0]);

  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(new RegExp(`ending_before=${secondPageIds[0]}`));
  await expect(page.getByTestId("session-row").locator("td:first-child")).toHaveText(firstPageIds);

  // Browser history steps back through the pages, and a copied URL reproduces a view.
  await page.goBack();
  await expect(page.getByTestId("session-row").locator("td:first-child")).toHaveText(secondPageIds);
  const shared = page.url();
  await page.goto(`${project}/sessions`);
  await page.goto(shared);
  await expect(page.getByTestId("session-row").locator("td:first-child")).toHaveText(secondPageIds);

  // Currency and network, then a created range set through the URL shows in the date picker.
  await page.goto(`${project}/sessions?destination_currency=USDC&destination_network=solana`);
  await expect(page.getByRole("textbox", { name: "Destination currency" })).toHaveValue("USDC");
  await expect(page.getByRole("textbox", { name: "Destination network" })).toHaveValue("Solana");
  // Columns: session, status, type, amount, what it buys.
  for (const cell of await page.getByTestId("session-row").locator("td:nth-child(5)").allInnerTexts()) expect(cell).toMatch(/^USDC on Solana$/);
  const day = Math.floor(Date.now() / 86_400_000) * 86_400;
  await page.goto(`${project}/sessions?created[gte]=${day - 7 * 86_400}&created[lt]=${day}`);
  await expect(page.getByRole("button", { name: "Created (UTC days)" })).toContainText(" – ");
  await expect(page.getByTestId("session-row").first()).toBeVisible();

  // Bad parameters are explained, not a crash.
  await page.goto(`${project}/sessions?status=lost`);
  await expect(page.getByTestId("list-error")).toContainText("status");
  await page.goto(`${project}/sessions?status=completed&limit=25`);
  await expectAccessible(page);
  await screenshots(page, "browser-sessions");
});

test("orders list, an order's detail with explorer link and events, its session and customer", async ({ page }) => {
  const project = await signInToProject(page);
  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await pickOption(page, "Status", "completed");
  await expect(page).toHaveURL(/\/orders\?status=completed/);
  await expectAccessible(page);
  await screenshots(page, "browser-orders");

  await page.getByTestId("order-row").first().getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`${project}/orders/ord_`));
  await expect(page.getByTestId("order-amounts")).toContainText("Customer pays");
  // Test mode's hashes come from the sandbox: labelled as such, not linked to a real explorer.
  await expect(page.getByTestId("sandbox-hash")).toBeVisible();
  await expect(page.getByTestId("explorer-link")).toHaveCount(0);
  await expect(page.getByTestId("order-timeline")).toContainText("Completed");
  await expect(page.getByTestId("system-metadata")).toContainText("provider");
  await expectAccessible(page);
  await screenshots(page, "browser-order");

  await page.getByRole("link", { name: /^sess_/ }).click();
  await expect(page).toHaveURL(new RegExp(`${project}/sessions/sess_`));
  await expect(page.getByTestId("session-timeline")).toContainText("Created");
  await expect(page.getByTestId("session-fields")).toContainText("Wallet address");
  await expect(page.getByTestId("session-order")).toBeVisible();
  // The session page never shows the client secret, only that it exists.
  await expect(page.getByText("Shown once to your backend at creation")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "browser-session");

  await page.getByTestId("session-customer").click();
  await expect(page).toHaveURL(new RegExp(`${project}/customers/cust_`));
  await expect(page.getByTestId("customer-sessions")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "browser-customer");

  await page.getByRole("navigation").getByRole("link", { name: "Customers", exact: true }).click();
  await expect(page.getByTestId("customer-row")).toHaveCount(10);
  await expectAccessible(page);
});

test("search: Ctrl/Cmd+K jumps to an order by id; a metadata pair lists its session and order", async ({ page }) => {
  const project = await signInToProject(page);
  await page.goto(`${project}/orders?status=completed`);
  const orderId = (await page.getByTestId("order-row").first().locator("td:first-child").innerText()).trim();
  await page.getByRole("link", { name: orderId }).click();
  const partner = await page.getByTestId("partner-metadata").innerText();
  const ref = /"partnerOrderId": "([^"]+)"/.exec(partner)?.[1];

  await page.goto(`${project}/sessions`);
  await hydrated(page);
  await page.keyboard.press("ControlOrMeta+K");
  const box = page
    .getByRole("dialog", { name: "Search this project" })
    .getByRole("searchbox")
    .or(page.getByRole("dialog").getByRole("textbox", { name: "Search" }));
  await expect(box).toBeFocused();
  await box.fill(orderId);
  await box.press("Enter");
  await expect(page).toHaveURL(`${project}/orders/${orderId}`);

  if (ref) {
    await page.getByTestId("global-search").click();
    await page.getByRole("dialog").getByRole("textbox", { name: "Search" }).fill(`partnerOrderId=${ref}`);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=partnerOrderId/);
    await expect(page.getByTestId("search-results")).toContainText(orderId);
    await expect(page.getByTestId("search-results")).toContainText("partnerMetadata partnerOrderId");
  }
  await page.goto(`${project}/search?q=nobody%40nowhere.example`);
  await expect(page.getByTestId("search-empty")).toContainText("Nothing in test mode matches");
  await page.goto(`${project}/search`);
  await expectAccessible(page);
  await screenshots(page, "browser-search");
});

test("export: the whole filtered list as CSV in the chosen time zone", async ({ page }) => {
  const project = await signInToProject(page);
  await page.goto(`${project}/sessions?status=expired`);
  await page.getByRole("button", { name: "Export CSV" }).click();
  await pickOption(page, "Time zone for dates", "Asia/Tokyo");
  await screenshotBothSchemes(page, "browser-export");
  const download = page.waitForEvent("download");
  await page.getByTestId("export-download").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^sessions-test-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync((await file.path())!, "utf8");
  const lines = text.trim().split("\n");
  expect(lines[0]).toContain("created (Asia/Tokyo)");
  // Every expired session of the demo project, far more than one page of the list.
  expect(lines.length - 1).toBeGreaterThan(100);
  expect(lines.slice(1).every((line) => line.split(",")[1] === "expired")).toBe(true);
});

test("overview: charts for each range beside keys, webhooks and gateways", async ({ page }) => {
  const project = await signInToProject(page);
  await expect(page.getByTestId("overview-charts")).toBeVisible();
  await expect(page.getByTestId("key-publishable")).toBeVisible();
  await expect(page.getByTestId("webhook-status")).toBeVisible();
  await expect(page.getByTestId("enabled-gateways")).toBeVisible();
  const week = Number((await page.getByTestId("total-sessions").innerText()).replace(/,/g, ""));
  expect(week).toBeGreaterThan(0);
  await expect(page.getByTestId("gateway-table")).toContainText("%");

  await page.getByTestId("range-control").getByText("90 days").click();
  await expect(page).toHaveURL(`${project}?range=90d`);
  await expect.poll(async () => Number((await page.getByTestId("total-sessions").innerText()).replace(/,/g, ""))).toBeGreaterThan(week);
  await page.getByTestId("range-control").getByText("24 h").click();
  await expect(page).toHaveURL(`${project}?range=24h`);
  await page.goto(`${project}?range=30d`);
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "browser-overview");
});
