/**
 * Console craft (issue 19): every console page and dialog at 1440×900 and 390×844, light and dark,
 * checked by axe (no serious or critical violation) and for text that overflows its box, with a
 * screenshot of each under screenshots/console-craft/ (gitignored) to look at.
 *
 * The list of pages is checked against the route files: a new `app/routes/_app.*` page fails the
 * first test until it is added to PAGES below.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Locator, Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { DEMO, expect, signIn, test } from "./fixtures";

const SHOTS = "screenshots/console-craft";
const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

/** What a page's path is built from: the demo project and records found on the way. */
interface Ids {
  base: string;
  live: string;
  session: string;
  order: string;
  customer: string;
  /** The customer's id in the partner's system: a search that lists several kinds of record. */
  externalCustomer: string;
  event: string;
  endpoint: string;
  /** A logged API request (req_…), made by the spec with the key it creates. */
  request: string;
}

/**
 * Every console route (a file or folder under app/routes named `_app.*`) and the paths that show it.
 * The first test fails when a route file is missing here: add the new page's paths.
 */
const PAGES: Record<string, (ids: Ids) => string[]> = {
  "_app._index": () => ["/"],
  "_app.docs.api": () => ["/docs/api"],
  "_app.gateways": () => ["/gateways"],
  "_app.projects._index": () => ["/projects"],
  "_app.quickstart.return": (ids) => [`/quickstart/return?sessionId=${ids.session}&status=completed`],
  "_app.projects.$projectId.$mode._index": (ids) => [ids.base, ids.live],
  "_app.projects.$projectId.$mode.branding": (ids) => [`${ids.base}/branding`],
  "_app.projects.$projectId.$mode.customers._index": (ids) => [`${ids.base}/customers`],
  "_app.projects.$projectId.$mode.customers.$customerId": (ids) => [`${ids.base}/customers/${ids.customer}`],
  "_app.projects.$projectId.$mode.events._index": (ids) => [`${ids.base}/events`],
  "_app.projects.$projectId.$mode.events.$eventId": (ids) => [`${ids.base}/events/${ids.event}`],
  "_app.projects.$projectId.$mode.gateways": (ids) => [`${ids.base}/gateways`, `${ids.live}/gateways`],
  "_app.projects.$projectId.$mode.get-started": (ids) => [`${ids.base}/get-started`],
  "_app.projects.$projectId.$mode.go-live": (ids) => [`${ids.base}/go-live`],
  "_app.projects.$projectId.$mode.logs._index": (ids) => [`${ids.base}/logs`],
  "_app.projects.$projectId.$mode.logs.$requestId": (ids) => [`${ids.base}/logs/${ids.request}`],
  "_app.projects.$projectId.$mode.logs.errors": (ids) => [`${ids.base}/logs/errors`],
  "_app.projects.$projectId.$mode.keys": (ids) => [`${ids.base}/keys`],
  "_app.projects.$projectId.$mode.orders._index": (ids) => [`${ids.base}/orders`],
  "_app.projects.$projectId.$mode.orders.$orderId": (ids) => [`${ids.base}/orders/${ids.order}`],
  "_app.projects.$projectId.$mode.search": (ids) => [
    `${ids.base}/search`,
    `${ids.base}/search?q=${ids.externalCustomer}`,
    `${ids.base}/search?q=nothing-matches-this`,
  ],
  "_app.projects.$projectId.$mode.sessions._index": (ids) => [`${ids.base}/sessions`],
  "_app.projects.$projectId.$mode.sessions.$sessionId": (ids) => [`${ids.base}/sessions/${ids.session}`],
  "_app.projects.$projectId.$mode.settings": (ids) => [`${ids.base}/settings`],
  "_app.projects.$projectId.$mode.webhooks._index": (ids) => [`${ids.base}/webhooks`],
  "_app.projects.$projectId.$mode.webhooks.$endpointId": (ids) => [`${ids.base}/webhooks/${ids.endpoint}`],
  "_app.settings.account": () => ["/settings/account"],
  "_app.settings.audit": () => ["/settings/audit"],
  "_app.settings.organization": () => ["/settings/organization"],
  "_app.settings.team": () => ["/settings/team"],
};

/** The console's route ids, from the file system (a folder route counts once). */
function consoleRoutes() {
  return fs
    .readdirSync(path.join("app", "routes"))
    .filter((name) => name.startsWith("_app.") && name !== "_app.tsx")
    .map((name) => name.replace(/\.tsx?$/, ""))
    .sort();
}

/**
 * Elements whose text is wider than their box, outside a scroll container; the innermost of each
 * nest. Intentional truncation with the full text in a title (ellipsis + title) is allowed.
 */
function overflowingText(): string[] {
  const found: Element[] = [];
  for (const el of Array.from(document.body.querySelectorAll("*"))) {
    if (el.closest("svg, script, style, noscript, [aria-hidden='true'], input, textarea, select")) continue;
    // Wider than their box by design: a grid's gutters (negative margins), a slider's end labels (centred on the last mark).
    if (el.matches(".mantine-Grid-root, .mantine-Slider-root, .mantine-Slider-trackContainer, .mantine-Slider-track, .mantine-Slider-markWrapper")) continue;
    const style = getComputedStyle(el);
    if (style.display === "inline" || style.display === "none" || style.visibility === "hidden") continue;
    if (/(auto|scroll)/.test(style.overflowX)) continue;
    const rect = el.getBoundingClientRect();
    // Visually hidden text (1 px boxes) is for screen readers.
    if (rect.width <= 2 || rect.height <= 2) continue;
    if (!el.textContent?.trim()) continue;
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    if (style.textOverflow === "ellipsis" && el.closest("[title]")) continue;
    found.push(el);
  }
  const innermost = found.filter((el) => !found.some((other) => other !== el && el.contains(other)));
  return innermost.map((el) => {
    const label = el.getAttribute("data-testid") ?? el.className.toString().split(" ").slice(0, 2).join(".");
    return `<${el.tagName.toLowerCase()} ${label}> "${el.textContent!.trim().slice(0, 60)}" (${el.scrollWidth} > ${el.clientWidth})`;
  });
}

/** Off in CI unless CRAFT_SCREENSHOTS=1; on elsewhere unless CRAFT_SCREENSHOTS=0. */
const SCREENSHOTS = process.env.CRAFT_SCREENSHOTS ? process.env.CRAFT_SCREENSHOTS === "1" : !process.env.CI;

async function setScheme(page: Page, scheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
  await page.evaluate((s) => document.documentElement.setAttribute("data-mantine-color-scheme", s), scheme);
}

/**
 * Axe, overflow and a screenshot in light and dark; `scope` limits axe to a dialog or menu. The
 * layout is the same in both schemes, so the dark pass only runs axe's colour rules, and the
 * colours are the same at both widths, so only at the desktop width (time: this runs in CI).
 */
async function check(page: Page, name: string, viewport: Viewport, scope?: string) {
  const problems: string[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await setScheme(page, scheme);
    // The framed checkout (the branding preview) is the checkout's own page, checked by checkout.spec.ts.
    const axe = new AxeBuilder({ page }).exclude("iframe");
    if (scope) axe.include(scope);
    if (scheme === "dark") axe.withRules(["color-contrast", "link-in-text-block"]);
    const violations = scheme === "dark" && viewport.name === "phone" ? [] : (await axe.analyze()).violations;
    for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
      problems.push(
        `${scheme} axe ${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join("; ")}`,
      );
    }
    if (scheme === "light") for (const o of await page.evaluate(overflowingText)) problems.push(`overflow ${o}`);
    // Screenshots are for looking at (npm run e2e locally); CI checks axe and overflow only (time).
    if (!SCREENSHOTS) continue;
    // Full pages, up to a few screens (the API reference is tens of thousands of pixels long).
    const height = scope ? viewport.height : Math.min(await page.evaluate(() => document.documentElement.scrollHeight), 4 * viewport.height);
    await page.screenshot({
      path: `${SHOTS}/${name}-${viewport.name}-${scheme}.png`,
      fullPage: !scope,
      clip: { x: 0, y: 0, width: viewport.width, height },
      animations: "disabled",
    });
  }
  await setScheme(page, "light");
  expect.soft(problems, `${name} at ${viewport.width}×${viewport.height}`).toEqual([]);
}

/** The short name of a page's screenshot, from its path. */
function shotName(url: string, ids: Ids) {
  const name = url
    .replace(ids.base, "test")
    .replace(ids.live, "live")
    .replace(/\?q=[^&]+/, (q) => (q.includes("nothing") ? "-empty" : "-results"))
    .replace(/[?=&]/g, "-")
    .replace(/\/(sess|ord|cust|evt|we)_[A-Za-z0-9]+/g, "/$1")
    .replace(/^\//, "")
    .replace(/[/]+/g, "-");
  return name || "root";
}

async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The href of the first link to a record in the list at `url`. */
async function firstRecord(page: Page, url: string, prefix: string) {
  await open(page, url);
  const href = await page.locator(`main a[href*="/${prefix}"]`).first().getAttribute("href");
  return href!.split("/").pop()!;
}

async function dialog(page: Page, name: string, viewport: Viewport, opener: () => Promise<void>, title: string | RegExp) {
  await opener();
  const box = page.getByRole("dialog", { name: title });
  await expect(box).toBeVisible();
  // Finished opening: a dialog mid-transition reads half transparent to axe.
  await page.waitForTimeout(250);
  await check(page, `dialog-${name}`, viewport, "[role=dialog]");
  return box;
}

async function closeDialog(box: Locator) {
  await box
    .getByRole("button", { name: /^(Cancel|Done|Close)$/ })
    .first()
    .click();
  await expect(box).toBeHidden();
}

test("every console route file is in the visit list", () => {
  expect(consoleRoutes()).toEqual(Object.keys(PAGES).sort());
});

test.describe("console craft", () => {
  let context: BrowserContext;
  let page: Page;
  const browserProblems: string[] = [];

  test.beforeAll(async ({ browser }) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: "reduce" });
    page = await context.newPage();
    // A step that cannot happen fails in seconds rather than at the test's timeout.
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => browserProblems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && !/status of (403|404)/.test(message.text())) browserProblems.push(message.text());
    });
    await signIn(page, DEMO.email, DEMO.password);
    await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  });

  test.afterAll(async () => {
    await context?.close();
  });

  for (const viewport of VIEWPORTS) {
    test(`every console page and dialog at ${viewport.width}×${viewport.height}, light and dark`, async () => {
      test.setTimeout(600_000);
      await page.setViewportSize(viewport);
      await open(page, "/");
      const base = new URL(page.url()).pathname;
      const ids: Ids = {
        base,
        live: base.replace(/\/test$/, "/live"),
        session: "",
        order: "",
        customer: "",
        externalCustomer: "",
        event: "",
        endpoint: "",
        request: "",
      };
      ids.session = await firstRecord(page, `${base}/sessions`, "sessions/sess_");
      ids.order = await firstRecord(page, `${base}/orders?status=completed`, "orders/ord_");
      ids.customer = await firstRecord(page, `${base}/customers`, "customers/cust_");
      ids.externalCustomer = (await page.getByTestId("customer-row").first().locator("td").nth(1).innerText()).trim();

      // Shell: search, the organization and account menus, the phone navigation.
      await open(page, base);
      let box = await dialog(page, "search", viewport, () => page.getByTestId("global-search").click(), "Search this project");
      await page.keyboard.press("Escape");
      await expect(box).toBeHidden();
      if (viewport.name === "phone") {
        await page.getByRole("button", { name: "Toggle navigation" }).click();
        await expect(page.getByRole("link", { name: "Sessions", exact: true })).toBeInViewport();
        await check(page, "navigation", viewport, "nav");
        await page.getByRole("button", { name: "Toggle navigation" }).click();
      } else {
        // Every destination of the sidebar is in view without scrolling.
        for (const link of await page.locator("nav a:visible").all()) await expect.soft(link).toBeInViewport({ timeout: 1000 });
        await check(page, "navigation", viewport, "nav");
      }
      // Test mode is signalled once (the bar and its badge), and "Test mode" reads on one line.
      await expect(page.getByTestId("test-mode-bar")).toBeVisible();
      await expect(page.getByText("Test mode", { exact: true }).first()).toBeVisible();
      const wrapped = await page.evaluate(() =>
        Array.from(document.querySelectorAll("body *"))
          .filter((el) => el.childElementCount === 0 && el.textContent?.trim() === "Test mode" && el.getBoundingClientRect().height > 0)
          .filter((el) => el.getBoundingClientRect().height > parseFloat(getComputedStyle(el).lineHeight) * 1.5)
          .map((el) => el.className),
      );
      expect.soft(wrapped, '"Test mode" wraps').toEqual([]);
      await expect(page.getByText(/viewing test data/)).toHaveCount(0);
      if (viewport.name === "desktop") {
        // A switch toggles when its visible track is clicked.
        const track = (await page.locator("header .mantine-Switch-track").boundingBox())!;
        await page.mouse.click(track.x + track.width / 2, track.y + track.height / 2);
        await expect(page).toHaveURL(/\/live$/);
        await open(page, base);
      }

      // Webhooks: add an endpoint (its signing secret), send it a test event, its dialogs.
      await open(page, `${base}/webhooks`);
      box = await dialog(page, "add-endpoint", viewport, () => page.getByRole("button", { name: "Add endpoint" }).first().click(), "Add a webhook endpoint");
      await box.getByLabel("Endpoint URL").fill(`http://127.0.0.1:9/craft-${viewport.name}`);
      await box.getByRole("button", { name: "Add endpoint" }).click();
      box = await dialog(page, "signing-secret", viewport, async () => {}, "Signing secret");
      await closeDialog(box);
      // Done may already have opened the new endpoint's page; otherwise open it from the list.
      await page
        .waitForURL(/\/webhooks\/we_/, { timeout: 3_000 })
        .catch(() => page.getByRole("link", { name: `http://127.0.0.1:9/craft-${viewport.name}` }).click());
      await expect(page).toHaveURL(/\/webhooks\/we_/);
      ids.endpoint = page.url().split("/").pop()!;
      box = await dialog(page, "send-test-event", viewport, () => page.getByRole("button", { name: "Send test event" }).click(), "Send a test event");
      await box.getByRole("button", { name: "Send test event" }).click();
      await expect(box).toBeHidden();
      const endpointMenu = (item: string) => async () => {
        await page.getByRole("button", { name: "Endpoint actions" }).click();
        await page.getByRole("menuitem", { name: item }).click();
      };
      for (const [name, item, title] of [
        ["edit-endpoint", "Edit endpoint…", "Edit endpoint"],
        ["roll-signing-secret", /Roll signing secret/, "Roll signing secret"],
        ["resend-failed", /Resend failed/, "Resend failed deliveries"],
      ] as const) {
        box = await dialog(page, name, viewport, endpointMenu(item as string), title);
        await closeDialog(box);
      }
      ids.event = await firstRecord(page, `${base}/events`, "events/evt_");

      // Keys: create one (shown once), roll and revoke dialogs, then revoke the new key.
      await open(page, `${base}/keys`);
      box = await dialog(page, "create-secret-key", viewport, () => page.getByRole("button", { name: "Create secret key" }).click(), "Create a secret key");
      await box.getByLabel("Label").fill(`Craft ${viewport.name}`);
      await box.getByRole("button", { name: "Create key" }).click();
      box = await dialog(page, "new-secret-key", viewport, async () => {}, "Your new secret key");
      // One API call with it (a refused one), for the Logs pages.
      const token = (await box.getByTestId("new-key-token").innerText()).trim();
      const refused = await page.request.post("/v1/sessions", { headers: { Authorization: `Bearer ${token}` }, data: { sourceAmount: "craft" } });
      expect(refused.status()).toBe(400);
      ids.request = (await refused.json()).error.requestId;
      await closeDialog(box);
      const keyMenu = (item: string) => async () => {
        await page.getByRole("button", { name: new RegExp(`Actions for Craft ${viewport.name}`) }).click();
        await page.getByRole("menuitem", { name: item }).click();
      };
      box = await dialog(page, "roll-key", viewport, keyMenu("Roll key…"), "Roll key");
      await closeDialog(box);
      box = await dialog(page, "revoke-key", viewport, keyMenu("Revoke key…"), "Revoke key");
      await box.getByRole("button", { name: "Revoke key" }).click();
      await expect(box).toBeHidden();

      // A completed order's refund dialog.
      await open(page, `${base}/orders/${ids.order}`);
      box = await dialog(page, "refund-order", viewport, () => page.getByRole("button", { name: "Refund order" }).click(), "Refund order");
      await closeDialog(box);

      // Branding's colour picker closes on Escape.
      await open(page, `${base}/branding`);
      const colour = page.getByRole("textbox", { name: /colour|color/i }).first();
      await colour.click();
      const picker = page.getByTestId("color-picker");
      await expect(picker).toBeVisible();
      await check(page, "colour-picker", viewport, "[data-testid=color-picker]");
      await page.keyboard.press("Escape");
      await expect(picker).toBeHidden();

      // Every page.
      for (const [route, paths] of Object.entries(PAGES)) {
        for (const url of paths(ids)) {
          await open(page, url);
          await expect(page.getByTestId("error-page"), `${route}: ${url}`).toHaveCount(0);
          await check(page, shotName(url, ids), viewport);
        }
      }

      // The endpoint's delete dialog, last: it leaves the demo project as it was.
      await open(page, `${base}/webhooks/${ids.endpoint}`);
      box = await dialog(page, "delete-endpoint", viewport, endpointMenu("Delete endpoint…"), "Delete endpoint");
      await box.getByRole("button", { name: "Delete endpoint" }).click();
      await expect(page).toHaveURL(new RegExp(`${base}/webhooks$`));
      expect(browserProblems).toEqual([]);
    });
  }
});
