/**
 * Live mode in the browser (issue 14): connecting Banxa (its stand-in, started beside the app by
 * playwright.config.ts) with credentials and Test connection, the callback URL to paste, a
 * failing connection with the gateway's own message; and the go-live page, live and test only.
 */
import type { Page } from "@playwright/test";
import { DEMO, expect, screenshotBothSchemes, signIn, test } from "./fixtures";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** The stand-in's fixed credentials (test/stand-ins/banxa.ts). */
const BANXA = { partner: "standin", apiKey: "banxa_standin_key_7Q2x", apiSecret: "banxa_standin_secret_Zr81Lm4Pq0Ws" };

async function afterPost(page: Page, act: () => Promise<unknown>) {
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await act();
  expect((await response).status()).toBe(200);
}

async function screenshots(page: Page, name: string) {
  await screenshotBothSchemes(page, name);
  await page.setViewportSize(PHONE);
  await screenshotBothSchemes(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

async function saveBanxa(page: Page, secret: string) {
  const panel = page.getByTestId("banxa-credentials");
  await panel.getByRole("button", { name: /Add credentials for Banxa|Replace Banxa credentials/ }).click();
  await panel.getByLabel("Partner name").fill(BANXA.partner);
  await panel.getByLabel("API key").fill(BANXA.apiKey);
  await panel.getByLabel("API secret").fill(secret);
  await afterPost(page, () => panel.getByRole("button", { name: "Save credentials" }).click());
  await expect(page.getByTestId("banxa-credentials-status")).toContainText("Credentials set");
}

test("an owner connects Banxa in live mode, sees the callback URL, and a failing connection with Banxa's message", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  const projectId = new URL(page.url()).pathname.split("/")[2]!;
  await page.goto(`/projects/${projectId}/live/gateways`);
  await expect(page.getByTestId("banxa-connection")).toHaveText("Not connected");

  await saveBanxa(page, BANXA.apiSecret);
  // Saved but untested: not connected until Test connection passes.
  await expect(page.getByTestId("banxa-connection")).toHaveText("Not connected");
  const panel = page.getByTestId("banxa-credentials");
  await afterPost(page, () => panel.getByRole("button", { name: "Test connection" }).click());
  await expect(page.getByTestId("banxa-connection")).toHaveText("Connected");
  await expect(page.getByTestId("banxa-test-result")).toHaveText("Banxa accepted the credentials.");
  await expect(page.getByTestId("banxa-callback-url")).toHaveText(new RegExp(`/callbacks/banxa/${projectId}$`));
  const html = await page.content();
  expect(html).not.toContain(BANXA.apiSecret);
  await afterPost(page, () => page.getByRole("switch", { name: "Enable Banxa" }).click({ force: true }));
  await screenshots(page, "live-gateways-connected");

  // Wrong secret: Banxa's own error, and the gateway shows Failing with it.
  await saveBanxa(page, "banxa_wrong_secret_000000");
  await afterPost(page, () => panel.getByRole("button", { name: "Test connection" }).click());
  await expect(page.getByTestId("banxa-connection")).toHaveText("Failing");
  await expect(page.getByTestId("banxa-last-error")).toContainText("Banxa: You are not authorized to access this resource.");
  await screenshots(page, "live-gateways-failing");

  // Leave the demo as it was for the other specs.
  await panel.getByRole("button", { name: "Remove Banxa credentials" }).click();
  await afterPost(page, () => panel.getByRole("button", { name: "Remove credentials" }).click());
  await expect(page.getByTestId("banxa-connection")).toHaveText("Not connected");
});

test("the go-live page: a live project, and a test-only one with its checklist", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  const base = new URL(page.url()).pathname;
  await expect(page.getByTestId("project-live-badge")).toHaveText("Live project");
  await page.getByRole("link", { name: "Go live" }).click();
  await expect(page).toHaveURL(`${base}/go-live`);
  await expect(page.getByTestId("project-mode-badge")).toHaveText("Live");
  await expect(page.getByTestId("live-since")).toBeVisible();
  await screenshots(page, "go-live-live");
  await page.getByRole("button", { name: "Switch back to test mode" }).click();
  await expect(page.getByRole("dialog")).toContainText("Live keys will be refused with PROJECT_NOT_LIVE");
  await screenshotBothSchemes(page, "go-live-confirm", { fullPage: false });
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.goto("/projects");
  await expect(page.getByText("Test only")).toBeVisible();
  await page.getByRole("link", { name: "Acme Mobile" }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  expect(page.url()).not.toContain(base);
  await page.goto(`${new URL(page.url()).pathname}/go-live`);
  await expect(page.getByTestId("project-mode-badge")).toHaveText("Test only");
  await expect(page.getByTestId("not-ready")).toBeVisible();
  await expect(page.getByRole("button", { name: "Go live" })).toBeDisabled();
  await expect(page.getByTestId("go-live-checklist")).toContainText("At least one live gateway connected and enabled");
  await screenshots(page, "go-live-checklist");
});
