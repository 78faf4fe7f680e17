import { DEMO, expect, screenshotBothSchemes, signIn, test } from "./fixtures";
import type { Page } from "@playwright/test";

async function openKeys(page: Page, mode: "test" | "live") {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  const base = page.url().replace(/\/test$/, `/${mode}`);
  await page.goto(`${base}/keys`);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  return base;
}

test("test keys: reveal, create, roll with a grace period, revoke", async ({ page }) => {
  const base = await openKeys(page, "test");
  const secretRow = page.getByTestId("key-row").filter({ hasText: "Default" }).filter({ hasText: "Secret" });
  await expect(secretRow.getByText(/^sk_test_…/)).toBeVisible();
  await secretRow.getByRole("button", { name: /Reveal/ }).click();
  await expect(secretRow.getByText(/^sk_test_[0-9A-Za-z]{43}$/)).toBeVisible();
  await screenshotBothSchemes(page, "keys-test");

  // Create a labelled secret key; the dialog shows it and it can be revealed again later.
  await page.getByRole("button", { name: "Create secret key" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a label")).toBeVisible();
  await page.getByLabel("Label").fill("CI backend");
  await page.getByRole("button", { name: "Create key" }).click();
  const token = (await page.getByTestId("new-key-token").textContent())!;
  expect(token).toMatch(/^sk_test_[0-9A-Za-z]{43}$/);
  await page.getByRole("button", { name: "Done" }).click();
  const created = page.getByTestId("key-row").filter({ hasText: "CI backend" });
  await expect(created).toHaveAttribute("data-status", "active");
  await expect(created).not.toContainText(token);

  // Roll the publishable key, keeping the old one for an hour.
  const oldPublishable = (await page.getByTestId("key-row").filter({ hasText: "Publishable" }).first().locator("code").textContent())!;
  await page.getByRole("button", { name: new RegExp(`Actions for Default \\(pk_test_`) }).click();
  await page.getByRole("menuitem", { name: "Roll key…" }).click();
  await page.getByRole("textbox", { name: "Old key stops working" }).click();
  await page.getByRole("option", { name: "In 1 hour" }).click();
  await page.getByRole("button", { name: "Roll key" }).click();
  const newPublishable = (await page.getByTestId("new-key-token").textContent())!;
  expect(newPublishable).toMatch(/^pk_test_/);
  expect(newPublishable).not.toBe(oldPublishable);
  await expect(page.getByText(/The old key works until/)).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("key-row").filter({ hasText: oldPublishable })).toHaveAttribute("data-status", "expiring");
  await expect(page.locator('[data-testid="key-row"][data-kind="publishable"][data-status="active"]')).toContainText(newPublishable);

  // Revoke the key created above.
  await page.getByRole("button", { name: /Actions for CI backend/ }).click();
  await page.getByRole("menuitem", { name: "Revoke key…" }).click();
  await page.getByRole("button", { name: "Revoke key" }).click();
  await expect(created).toHaveAttribute("data-status", "revoked");

  // Every step is in the audit log, with who did it.
  await page.goto("/settings/audit?area=api_key");
  const table = page.getByTestId("audit-table");
  for (const action of ["api_key.revealed", "api_key.created", "api_key.rolled", "api_key.revoked"]) {
    await expect(table.getByText(action, { exact: true }).first()).toBeVisible();
  }
  await expect(table).toContainText(DEMO.email);
  await expect(table).not.toContainText(token);
  await screenshotBothSchemes(page, "audit-log");
  expect(base).toContain("/projects/");
});

test("a live secret key is shown once and must be acknowledged", async ({ page }) => {
  await openKeys(page, "live");
  await expect(page.getByRole("button", { name: /Reveal/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Create secret key" }).click();
  await page.getByLabel("Label").fill("Production backend");
  await page.getByRole("button", { name: "Create key" }).click();
  const token = (await page.getByTestId("new-key-token").textContent())!;
  expect(token).toMatch(/^sk_live_[0-9A-Za-z]{43}$/);
  await expect(page.getByText("This is the only time this live secret key is shown")).toBeVisible();
  await screenshotBothSchemes(page, "keys-live-once");
  const done = page.getByRole("button", { name: "Done" });
  await expect(done).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("new-key-token")).toBeVisible();
  await page.getByLabel("I have stored this key somewhere safe").check();
  await done.click();
  const row = page.getByTestId("key-row").filter({ hasText: "Production backend" });
  await expect(row).toContainText(`sk_live_…${token.slice(-4)}`);
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
});

test("the overview's quick start inserts the test secret key on request", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/test$/);
  const snippet = page.getByTestId("quick-start");
  await expect(snippet).toContainText("curl -X POST http://localhost:");
  await expect(snippet).toContainText("sk_test_…");
  await page.getByRole("button", { name: "Insert my test secret key" }).click();
  await expect(snippet).toContainText(/Bearer sk_test_[0-9A-Za-z]{43}/);
  await screenshotBothSchemes(page, "overview-quick-start");
});
