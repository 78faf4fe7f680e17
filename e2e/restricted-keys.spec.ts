/**
 * A restricted key made in the console, used against the running app as a partner's backend
 * would: allowed where its permission reaches, refused (naming the permission) elsewhere, and
 * refused from outside its IP allowlist. Screenshots of the keys page and its dialogs.
 */
import type { Page } from "@playwright/test";
import { DEMO, expect, screenshotBothSchemes, signIn, test } from "./fixtures";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Both schemes at both sizes, back at desktop size afterwards. */
async function screenshotSizes(page: Page, name: string, fullPage = true) {
  await page.setViewportSize(PHONE);
  await screenshotBothSchemes(page, `${name}-390`, { fullPage });
  await page.setViewportSize(DESKTOP);
  await screenshotBothSchemes(page, `${name}-1440`, { fullPage });
}

test("a restricted key: sessions read only, then an IP allowlist that excludes this machine", async ({ page }) => {
  // Eight screenshots at two sizes take a while on two cores.
  test.setTimeout(150_000);
  await page.setViewportSize(DESKTOP);
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  const base = new URL(page.url()).pathname;
  await page.goto(`${base}/keys`);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  // Create it: restricted, sessions read only.
  await page.getByRole("button", { name: "Create secret key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a secret key" });
  await dialog.getByLabel("Label").fill("Sessions reader");
  await dialog.getByText("Restricted", { exact: true }).click();
  // Nothing chosen yet: the form says so beside the permissions.
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Choose at least one permission for a restricted key.")).toBeVisible();
  const permissions = dialog.getByTestId("key-permissions");
  await permissions
    .getByRole("row", { name: /Sessions/ })
    .getByText("Read", { exact: true })
    .click();
  await screenshotSizes(page, "restricted-key-create", false);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const token = (await page.getByTestId("new-key-token").textContent())!.trim();
  expect(token).toMatch(/^rk_test_[0-9A-Za-z]{43}$/);
  await expect(page.getByRole("dialog", { name: "Your new restricted key" })).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByTestId("key-row").filter({ hasText: "Sessions reader" });
  await expect(row).toHaveAttribute("data-kind", "restricted");
  await expect(row.getByTestId("key-permissions-summary")).toHaveText("Sessions: read");

  // Use it from here (127.0.0.1): reading sessions is allowed, creating one is refused, naming the permission.
  const auth = { Authorization: `Bearer ${token}` };
  const list = await page.request.get("/v1/sessions?limit=1", { headers: auth });
  expect(list.status()).toBe(200);
  const create = await page.request.post("/v1/sessions", {
    headers: auth,
    data: { externalCustomerId: "e2e-restricted", sourceAmount: "50", sourceCurrency: "USD", destinationCurrency: "USDC", destinationNetwork: "ethereum" },
  });
  expect(create.status()).toBe(403);
  const refused = (await create.json()).error;
  expect(refused).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS", details: [{ field: "permission", message: "sessions:write" }] });
  expect(refused.message).toContain("sessions:write");

  // The request log names the key's kind (it is written in batches: retried until it is there).
  await expect(async () => {
    await page.goto(`${base}/logs/${refused.requestId}`);
    await expect(page.getByText("restricted", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });

  // An allowlist without this machine's address: refused with IP_NOT_ALLOWED within the key check's cache time.
  await page.goto(`${base}/keys`);
  await row.getByRole("button", { name: /Actions for Sessions reader/ }).click();
  await page.getByRole("menuitem", { name: "Edit IP allowlist…" }).click();
  const allowlist = page.getByRole("dialog", { name: "IP allowlist" });
  await allowlist.getByLabel("Allowed IP addresses").fill("10.0.0.0/8\n2001:db8::/32");
  await screenshotSizes(page, "restricted-key-allowlist", false);
  await allowlist.getByLabel("Allowed IP addresses").fill("10.0.0.0/8\n300.1.1.1");
  await allowlist.getByRole("button", { name: "Save allowlist" }).click();
  await expect(allowlist.getByText("“300.1.1.1” is not an IP address or CIDR range")).toBeVisible();
  await allowlist.getByLabel("Allowed IP addresses").fill("10.0.0.0/8\n2001:db8::/32");
  await allowlist.getByRole("button", { name: "Save allowlist" }).click();
  await expect(allowlist).toBeHidden();
  await expect(row.getByTestId("key-allowlist")).toHaveText("2 IP ranges");
  const blocked = await page.request.get("/v1/sessions?limit=1", { headers: auth });
  expect(blocked.status()).toBe(403);
  expect((await blocked.json()).error.code).toBe("IP_NOT_ALLOWED");
  // Last use is shown with the address it came from.
  await page.reload();
  await expect(row.getByTestId("key-last-ip")).toContainText(/127\.0\.0\.1/);

  // A secret key that expires in three days: the page warns about it.
  await page.getByRole("button", { name: "Create secret key" }).click();
  await dialog.getByLabel("Label").fill("Short-lived");
  await dialog.getByLabel("Expires on (optional)").click();
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
  if (inThreeDays.getMonth() !== new Date().getMonth()) await page.locator('[data-direction="next"]').click();
  const dayLabel = inThreeDays.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  await page.getByRole("button", { name: dayLabel, exact: true }).click();
  await dialog.getByRole("button", { name: "Create key" }).click();
  expect((await page.getByTestId("new-key-token").textContent())!.trim()).toMatch(/^sk_test_/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("key-row").filter({ hasText: "Short-lived" })).toHaveAttribute("data-status", "expiring");
  await expect(page.getByTestId("key-warnings")).toContainText(/Short-lived \(sk_test_….{4}\) expires/);
  await screenshotSizes(page, "restricted-keys-page");

  // Both changes are in the audit log.
  await page.goto("/settings/audit?area=api_key");
  const table = page.getByTestId("audit-table");
  for (const action of ["api_key.created", "api_key.allowlist_changed"]) await expect(table.getByText(action, { exact: true }).first()).toBeVisible();
  await expect(table).not.toContainText(token);
});
