import type { Page } from "@playwright/test";
import { DEMO, expect, screenshotBothSchemes, signIn, test, uniqueEmail, verifyEmailByMail } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };

/** Runs `act` and waits for the POST it causes to answer, so the next step sees the saved state. */
async function afterPost(page: Page, act: () => Promise<unknown>) {
  const response = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.includes("/gateways"));
  await act();
  expect((await response).status()).toBe(200);
}

async function rowOrder(page: Page) {
  return page.getByTestId("gateway-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-gateway")));
}

async function screenshotPhone(page: Page, name: string) {
  await page.setViewportSize(PHONE);
  await screenshotBothSchemes(page, name);
  await page.setViewportSize(DESKTOP);
}

test("the gateway catalogue describes every gateway", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  // Inside a project the organization's pages are one group of the sidebar.
  await page.getByRole("button", { name: "Organization" }).click();
  await page.getByRole("link", { name: "Gateway catalogue" }).click();
  await expect(page).toHaveURL(/\/gateways$/);
  await expect(page.getByRole("heading", { name: "Gateway catalogue" })).toBeVisible();

  await expect(page.getByTestId("gateway-card")).toHaveCount(4);
  for (const name of ["Banxa", "MoonPay", "Transak", "Mercuryo"]) {
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  }
  const transak = page.locator("article#transak");
  await expect(transak).toContainText("Not in United States");
  await expect(transak.getByTestId("transak-country-list")).toBeHidden();
  await transak.getByRole("button", { name: "Show list" }).click();
  await expect(transak.getByTestId("transak-country-list")).toContainText("India");
  await expect(transak.getByRole("button", { name: "Hide list" })).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator("article#mercuryo")).toContainText("Not in United Kingdom");

  const moonpay = page.locator("article#moonpay");
  await moonpay.getByRole("button", { name: "Limits and network fees" }).click();
  await expect(moonpay.getByRole("row", { name: /ETH Ethereum 0\.001 100/ })).toBeVisible();
  await expect(moonpay.getByText("$30 – $15,000")).toBeVisible();

  await screenshotBothSchemes(page, "gateways-catalogue");
  await screenshotPhone(page, "gateways-catalogue-phone");
});

test("an owner enables, disables and orders gateways per mode, and sets live credentials", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  const projectTest = new URL(page.url()).pathname;
  const projectLive = projectTest.replace(/\/test$/, "/live");

  await page.getByRole("link", { name: "Gateways", exact: true }).click();
  await expect(page).toHaveURL(`${projectTest}/gateways`);
  await expect(page.getByRole("heading", { name: "Gateways", exact: true })).toBeVisible();
  await expect(page.getByTestId("sandbox-note")).toContainText("no credentials are needed");

  // The demo project may start with none enabled: switch each one on that is off.
  for (const name of ["Banxa", "MoonPay", "Transak", "Mercuryo"]) {
    const toggle = page.getByRole("switch", { name: `Enable ${name}` });
    if (!(await toggle.isChecked())) await afterPost(page, () => toggle.click({ force: true }));
    await expect(toggle).toBeChecked();
  }
  await expect(page.getByTestId("none-enabled")).toHaveCount(0);
  expect(await rowOrder(page)).toEqual(["banxa", "moonpay", "transak", "mercuryo"]);

  // Disable one.
  await afterPost(page, () => page.getByRole("switch", { name: "Enable MoonPay" }).click({ force: true }));
  await expect(page.getByRole("switch", { name: "Enable MoonPay" })).not.toBeChecked();

  // Move Mercuryo up twice with the keyboard; focus stays on the button used.
  const up = page.getByRole("button", { name: "Move Mercuryo up" });
  await up.focus();
  await afterPost(page, () => page.keyboard.press("Enter"));
  await expect.poll(() => rowOrder(page)).toEqual(["banxa", "moonpay", "mercuryo", "transak"]);
  await expect(up).toBeFocused();
  await afterPost(page, () => page.keyboard.press("Enter"));
  await expect.poll(() => rowOrder(page)).toEqual(["banxa", "mercuryo", "moonpay", "transak"]);
  await expect(up).toBeFocused();
  await expect(page.getByTestId("gateway-announcement")).toHaveText("Mercuryo is now number 2 of 4.");
  // The first one can't move further up.
  await expect(page.getByRole("button", { name: "Move Banxa up" })).toBeDisabled();

  await page.reload();
  expect(await rowOrder(page)).toEqual(["banxa", "mercuryo", "moonpay", "transak"]);
  await expect(page.getByRole("switch", { name: "Enable MoonPay" })).not.toBeChecked();
  for (const name of ["Banxa", "Mercuryo", "Transak"]) await expect(page.getByRole("switch", { name: `Enable ${name}` })).toBeChecked();
  await screenshotBothSchemes(page, "gateways-project-test");
  await screenshotPhone(page, "gateways-project-test-phone");

  // Live mode has its own settings: nothing changed there, and nothing can be enabled without credentials.
  await page.getByRole("switch", { name: "Test mode" }).click({ force: true });
  await expect(page).toHaveURL(`${projectLive}/gateways`);
  await expect(page.getByTestId("live-note")).toBeVisible();
  expect(await rowOrder(page)).toEqual(["banxa", "moonpay", "transak", "mercuryo"]);
  await expect(page.getByRole("switch", { name: "Enable Transak" })).toBeDisabled();
  await expect(page.getByTestId("transak-credentials-status")).toHaveText("No live credentials yet");

  const apiKey = "tk_live_9QmZr4VxPe7sLw2Ka1B2";
  const apiSecret = "tsec_live_Hn3Jd8Ty5Rb0Wq6Mc4Xz";
  const credentials = page.getByTestId("transak-credentials");
  await credentials.getByRole("button", { name: "Add credentials for Transak" }).click();
  await credentials.getByLabel("API key").fill(apiKey);
  await credentials.getByLabel("API secret").fill("two words");
  await afterPost(page, () => credentials.getByRole("button", { name: "Save credentials" }).click());
  await expect(credentials).toContainText("can't contain spaces");
  await screenshotBothSchemes(page, "gateways-credentials-form");
  await credentials.getByLabel("API secret").fill(apiSecret);
  await afterPost(page, () => credentials.getByRole("button", { name: "Save credentials" }).click());
  await expect(page.getByTestId("transak-credentials-status")).toHaveText("Credentials set · API key …a1B2");
  await expect(credentials.getByLabel("API key")).toHaveCount(0);
  await expect(credentials.getByRole("button", { name: "Replace Transak credentials" })).toBeVisible();
  await expect(credentials.getByRole("button", { name: "Remove Transak credentials" })).toBeVisible();

  const enableTransak = page.getByRole("switch", { name: "Enable Transak" });
  await expect(enableTransak).toBeEnabled();
  await afterPost(page, () => enableTransak.click({ force: true }));
  await expect(enableTransak).toBeChecked();

  await page.reload();
  await expect(page.getByTestId("transak-credentials-status")).toHaveText("Credentials set · API key …a1B2");
  await expect(page.getByRole("switch", { name: "Enable Transak" })).toBeChecked();
  // Only the hint ever comes back: not in the page, not in its data.
  const html = await page.content();
  expect(html).not.toContain(apiKey);
  expect(html).not.toContain(apiSecret);
  expect(html).not.toContain(apiKey.slice(0, 12));
  await screenshotBothSchemes(page, "gateways-project-live");
  await screenshotPhone(page, "gateways-project-live-phone");

  // Removing credentials also switches the gateway off, after a confirmation that says so.
  const mercuryo = page.getByTestId("mercuryo-credentials");
  await mercuryo.getByRole("button", { name: "Add credentials for Mercuryo" }).click();
  // Mercuryo's own fields (app/gateways/adapters/mercuryo.ts); the hint is the widget id's end.
  await mercuryo.getByLabel("Widget ID").fill("mq_widget_Lr8Kd2Wn5Tz0");
  await mercuryo.getByLabel("Widget secret").fill("mqsec_live_Pa4Sd7Fg1Hj3");
  await mercuryo.getByLabel("Sdk-Partner-Token").fill("mqsdk_live_Qw3Er5Ty7Ui9");
  await afterPost(page, () => mercuryo.getByRole("button", { name: "Save credentials" }).click());
  await expect(page.getByTestId("mercuryo-credentials-status")).toHaveText("Credentials set · Widget ID …5Tz0");
  await afterPost(page, () => page.getByRole("switch", { name: "Enable Mercuryo" }).click({ force: true }));
  await mercuryo.getByRole("button", { name: "Remove Mercuryo credentials" }).click();
  await expect(mercuryo).toContainText("Mercuryo is enabled and will be disabled");
  await afterPost(page, () => mercuryo.getByRole("button", { name: "Remove credentials" }).click());
  await expect(page.getByTestId("mercuryo-credentials-status")).toHaveText("No live credentials yet");
  await expect(page.getByRole("switch", { name: "Enable Mercuryo" })).not.toBeChecked();
  await expect(page.getByRole("switch", { name: "Enable Mercuryo" })).toBeDisabled();

  // Test mode kept its own state.
  await page.goto(`${projectTest}/gateways`);
  expect(await rowOrder(page)).toEqual(["banxa", "mercuryo", "moonpay", "transak"]);
  await expect(page.getByRole("switch", { name: "Enable MoonPay" })).not.toBeChecked();
});

test("a developer sees gateway settings read-only and cannot change them", async ({ page, browser }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  const projectTest = new URL(page.url()).pathname;

  await page.goto("/settings/team");
  const developerEmail = uniqueEmail("dev.gateways");
  await page.getByLabel("Email").fill(developerEmail);
  await page.getByRole("textbox", { name: "Role", exact: true }).click();
  await page.getByRole("option", { name: "Developer" }).click();
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();

  const developer = await browser.newContext();
  const devPage = await developer.newPage();
  const problems: string[] = [];
  devPage.on("pageerror", (e) => problems.push(e.message));
  await devPage.goto(new URL(link).pathname);
  await devPage.getByRole("link", { name: "Create an account to join" }).click();
  await devPage.getByLabel("Your name").fill("Dev Gateways");
  await devPage.getByLabel("Password").fill("correct-horse-battery");
  await devPage.getByRole("button", { name: "Create account" }).click();
  await verifyEmailByMail(devPage, developerEmail);
  await devPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(devPage.getByTestId("org-switcher")).toContainText("Developer");

  for (const mode of ["test", "live"] as const) {
    const path = `${projectTest.replace(/\/test$/, `/${mode}`)}/gateways`;
    await devPage.goto(path);
    await expect(devPage.getByTestId("read-only-note")).toContainText("needs the Admin or Owner role");
    await expect(devPage.getByRole("switch", { name: /^Enable / })).toHaveCount(0);
    for (const id of ["banxa", "moonpay", "transak", "mercuryo"]) {
      await expect(devPage.getByTestId(`${id}-status`)).toHaveText(/^(Enabled|Disabled)$/);
    }
    await expect(devPage.getByRole("button", { name: /^Move / })).toHaveCount(0);
    await expect(devPage.getByRole("button", { name: /credentials/ })).toHaveCount(0);
    // The server refuses too, not only the page.
    const response = await devPage.request.post(path, {
      form: { intent: "enable", gatewayId: "banxa" },
      headers: { Origin: new URL(link).origin },
    });
    expect(response.status()).toBe(403);
  }
  // The masked hint of live credentials is for those who manage them.
  await expect(devPage.getByTestId("transak-credentials-status")).not.toContainText("…");
  await screenshotBothSchemes(devPage, "gateways-project-live-read-only");
  expect(problems).toEqual([]);
  await developer.close();
});
