import { DEMO, expect, screenshotBothSchemes, SCREENSHOT_DIR, signIn, test } from "./fixtures";

test("the API reference shows the endpoints from the OpenAPI document", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  // Inside a project the organization's pages are one group of the sidebar.
  await page.getByRole("button", { name: "Organization" }).click();
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();

  // POST /v1/sessions: method, path, auth, its body fields and a curl example with this server's URL.
  const create = page.locator('[data-testid="endpoint"][data-operation="createSession"]');
  await expect(create.getByTestId("method-badge")).toHaveText("POST");
  await expect(create.getByTestId("endpoint-path")).toHaveText("/v1/sessions");
  await expect(create.getByTestId("endpoint-auth")).toHaveText("Secret or restricted key");
  await expect(create.getByTestId("endpoint-permission")).toHaveText("sessions:write");
  const fields = create.getByTestId("body-fields");
  for (const name of ["externalCustomerId", "customerId", "sourceAmount", "destinationAddress", "expiresInSeconds", "metadata", "fieldLocks"]) {
    await expect(fields.locator(`[data-field="${name}"]`)).toBeVisible();
  }
  await expect(fields.locator('[data-field="expiresInSeconds"]')).toContainText("1–86400");
  await expect(fields.locator('[data-field="sourceCurrency"]')).toContainText("one of: USD, EUR");
  const origin = new URL(page.url()).origin;
  await expect(create.getByTestId("curl")).toContainText(`curl -X POST ${origin}/v1/sessions`);
  await expect(create.getByTestId("error-table")).toContainText("INSUFFICIENT_PERMISSIONS");

  // Anchors: the contents link scrolls to the endpoint.
  await page.getByRole("navigation", { name: "Endpoints" }).getByRole("link", { name: "/public/v1/onramp/quotes" }).click();
  await expect(page).toHaveURL(/#get-quotes$/);
  await expect(page.locator("#get-quotes")).toBeInViewport();

  // The whole reference is tens of thousands of pixels tall (every endpoint, its fields and examples): a full-page
  // capture of it took over a minute on CI's two cores. The screen at the anchor, in both schemes.
  await screenshotBothSchemes(page, "api-reference", { fullPage: false });
  // The page is long: also the first screen as a desktop user sees it, shell included.
  await page.screenshot({ path: `${SCREENSHOT_DIR}/api-reference-desktop.png`, fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  // Nothing may widen the page past the phone's screen (code blocks scroll on their own).
  // Polled: Mantine's AppShell animates into its mobile layout after a resize.
  const measure = () =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      // Elements that stick out, outside scrolling boxes: named in the failure message.
      const wide = Array.from(document.querySelectorAll("main *"))
        .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest("pre, [class*=ScrollContainer]"))
        .slice(0, 5)
        .map(
          (el) =>
            `${el.tagName} ${el.getAttribute("data-testid") ?? ""} ${Math.round(el.getBoundingClientRect().right)}px "${(el.textContent ?? "").slice(0, 40)}"`,
        );
      return { by: document.documentElement.scrollWidth - width, wide };
    });
  await expect.poll(async () => (await measure()).by, { message: (await measure()).wide.join("\n") || "page wider than 390 px" }).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/api-reference-390.png`, fullPage: false });
  await page.locator('[data-operation="createSession"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/api-reference-390-endpoint.png`, fullPage: false });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.evaluate(() => document.documentElement.setAttribute("data-mantine-color-scheme", "dark"));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/api-reference-390-endpoint-dark.png`, fullPage: false });
});

test("GET /v1/openapi.json is a public OpenAPI 3.1 document", async ({ request }) => {
  const response = await request.get("/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(response.headers()["cache-control"]).toMatch(/max-age=\d+/);
  const doc = await response.json();
  expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  expect(doc.info.title).toBe("Ramp Partner API");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/sessions", "/v1/sessions/{sessionId}", "/public/v1/onramp/quotes"]));
  expect(doc.components.schemas.CreateSessionRequest.properties.externalCustomerId).toBeDefined();
});
