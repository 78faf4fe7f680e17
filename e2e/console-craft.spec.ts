/**
 * Console craft (issue 19): every console page and dialog at 1440×900 and 390×844, light and dark,
 * checked by axe (no serious or critical violation) and for text that overflows its box, with a
 * screenshot of each under screenshots/console-craft/ (gitignored) to look at.
 *
 * The list of pages is checked against the route files: a new `app/routes/_app.*` page fails the
 * first test until it is added to PAGES below, and a new `app/routes/_auth.*` page until it is in
 * AUTH_PAGES (visited signed out, or in the state that shows it, by the sign-in and security test).
 * Each test prints how long it took (the sweep's cost in CI).
 */
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import fs from "node:fs";
import path from "node:path";
import { seriousViolations } from "./axe";
import { DEMO, expect, mailedPath, sellSessionWithOrder, signIn, signUp, test, testKeys, uniqueEmail, verifyEmailByMail } from "./fixtures";

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
  /** A sell (offramp) session and its order, made through the API: the Deposit and Payout sections. */
  sellSession: string;
  sellOrder: string;
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
  // Filtered: the filters' clear buttons.
  "_app.projects.$projectId.$mode.orders._index": (ids) => [`${ids.base}/orders`, `${ids.base}/orders?status=completed&type=buy`],
  "_app.projects.$projectId.$mode.orders.$orderId": (ids) => [`${ids.base}/orders/${ids.order}`, `${ids.base}/orders/${ids.sellOrder}`],
  "_app.projects.$projectId.$mode.search": (ids) => [
    `${ids.base}/search`,
    `${ids.base}/search?q=${ids.externalCustomer}`,
    `${ids.base}/search?q=nothing-matches-this`,
  ],
  "_app.projects.$projectId.$mode.sessions._index": (ids) => [`${ids.base}/sessions`],
  "_app.projects.$projectId.$mode.sessions.$sessionId": (ids) => [`${ids.base}/sessions/${ids.session}`, `${ids.base}/sessions/${ids.sellSession}`],
  "_app.projects.$projectId.$mode.settings": (ids) => [`${ids.base}/settings`],
  "_app.projects.$projectId.$mode.webhooks._index": (ids) => [`${ids.base}/webhooks`],
  "_app.projects.$projectId.$mode.webhooks.$endpointId": (ids) => [`${ids.base}/webhooks/${ids.endpoint}`],
  "_app.settings.account": () => ["/settings/account"],
  "_app.settings.audit": () => ["/settings/audit"],
  "_app.settings.organization": () => ["/settings/organization"],
  "_app.settings.team": () => ["/settings/team"],
};

/**
 * Every sign-in page (`app/routes/_auth.*`) and the state the sign-in and security test shows it in
 * (signed out, or reached through sign-up, the mailed links, two-factor set-up). The first test fails
 * when a route file is missing here; the auth test fails when one listed here was not checked.
 */
const AUTH_PAGES: Record<string, string> = {
  "_auth.login": "signed out",
  "_auth.signup": "signed out",
  "_auth.forgot-password": "signed out; then the link sent",
  "_auth.reset-password": "without a token; with one (the form)",
  "_auth.verify-email": "a forged link; the mailed link",
  "_auth.check-email": "after sign-up",
  "_auth.onboarding": "after the email is verified",
  "_auth.invite.$invitationId": "a used link; the invitee signed out, unverified; the owner (another account)",
  "_auth.two-factor.setup": "password, QR code, backup codes; required by the organization",
  "_auth.login_.two-factor.($method)": "the code and the backup code steps of signing in",
};

/** The console's and sign-in pages' route ids, from the file system (a folder route counts once). */
function consoleRoutes(prefix: "_app." | "_auth.") {
  return fs
    .readdirSync(path.join("app", "routes"))
    .filter((name) => name.startsWith(prefix))
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

/** Where the sweep's time goes (seconds per kind of step), printed with each test's duration. */
const spent: Record<string, number> = {};
async function timed<T>(kind: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await step();
  } finally {
    spent[kind] = (spent[kind] ?? 0) + (Date.now() - started) / 1000;
  }
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
    // Colours change with a transition (a segmented control's labels, a button's fill): read them once settled.
    await settled(page);
    // The framed checkout (the branding preview) is the checkout's own page, checked by checkout.spec.ts.
    // The header is the same on every test-mode page: checked with the navigation, and on the live pages (no test bar).
    const exclude = ["iframe"];
    if (!scope && !new URL(page.url()).pathname.includes("/live")) exclude.push("header");
    const rules = scheme === "dark" ? ["color-contrast", "link-in-text-block"] : undefined;
    const violations =
      scheme === "dark" && viewport.name === "phone" ? [] : await timed("axe", () => seriousViolations(page, { include: scope, exclude, rules }));
    for (const v of violations) problems.push(`${scheme} axe ${v}`);
    if (scheme === "light") for (const o of await timed("overflow", () => page.evaluate(overflowingText))) problems.push(`overflow ${o}`);
    // Screenshots are for looking at (npm run e2e locally); CI checks axe and overflow only (time).
    if (!SCREENSHOTS) continue;
    // Full pages, up to a few screens (the API reference is tens of thousands of pixels long).
    const height = scope ? viewport.height : Math.min(await page.evaluate(() => document.documentElement.scrollHeight), 4 * viewport.height);
    await timed("screenshots", () =>
      page.screenshot({
        path: `${SHOTS}/${name}-${viewport.name}-${scheme}.png`,
        fullPage: !scope,
        clip: { x: 0, y: 0, width: viewport.width, height },
        animations: "disabled",
      }),
    );
  }
  await setScheme(page, "light");
  expect.soft(problems, `${name} at ${viewport.width}×${viewport.height}`).toEqual([]);
}

/** The short name of a page's screenshot, from its path. */
function shotName(url: string, ids: Ids) {
  const name = url
    .replace(ids.sellSession, "sell")
    .replace(ids.sellOrder, "sell")
    .replace(ids.base, "test")
    .replace(ids.live, "live")
    .replace(/\?q=[^&]+/, (q) => (q.includes("nothing") ? "-empty" : "-results"))
    .replace(/[?=&]/g, "-")
    .replace(/([/-])(sess|ord|cust|evt|we|req)_[A-Za-z0-9]+/g, "$1$2")
    .replace(/^\//, "")
    .replace(/[/]+/g, "-");
  return name || "root";
}

/** The horizontally scrolling boxes of the page (ScrollShadow marks them), with how much is out of view. */
function scrolledTables(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("main [data-scrolls='true']")).map((el) => {
      const scroller = el.firstElementChild!;
      return `${el.querySelector("[data-testid]")?.getAttribute("data-testid") ?? "table"}: ${scroller.scrollWidth} > ${scroller.clientWidth}`;
    }),
  );
}

/**
 * Opens `url` and waits until it is hydrated and settled: React done hydrating, Remix's router with no navigation or fetcher
 * under way, fonts loaded, no animation running (rather than "network idle", which always costs 500 ms more).
 */
async function open(page: Page, url: string) {
  await timed("open", async () => {
    await page.goto(url);
    await settled(page);
    await page.evaluate(() => window.scrollTo(0, 0));
  });
}

async function settled(page: Page) {
  const mark = `__settled${Math.random().toString(36).slice(2)}`;
  await page.waitForFunction(async (mark) => {
    // Held for 50 ms: between two steps of a dialog's or overlay's transition nothing may be running for a frame.
    const held = (ok: boolean) => {
      const marks = window as unknown as Record<string, number | undefined>;
      if (!ok) return ((marks[mark] = undefined), false);
      marks[mark] ??= performance.now();
      return performance.now() - marks[mark]! >= 50;
    };
    const router = (window as { __remixRouter?: { state: { initialized: boolean; navigation: { state: string }; fetchers: Map<string, { state: string }> } } })
      .__remixRouter;
    // Its scripts running (app/root.tsx): the router is ready before React has finished hydrating the page.
    if (!document.documentElement.hasAttribute("data-hydrated")) return held(false);
    if (!router?.state.initialized || router.state.navigation.state !== "idle") return held(false);
    if ([...router.state.fetchers.values()].some((f) => f.state !== "idle")) return held(false);
    await document.fonts.ready;
    // An open dialog and its overlay are fully opaque, and a closing one is gone (a transition may not have started
    // when this first runs).
    for (const box of Array.from(document.querySelectorAll("[role=dialog], .mantine-Overlay-root"))) {
      for (let el: Element | null = box; el; el = el.parentElement) if (getComputedStyle(el).opacity !== "1") return held(false);
    }
    // A spinner or pulse runs forever: only finite animations (transitions, a dialog opening) are waited for.
    return held(document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity));
  }, mark);
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
  await settled(page);
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

test("every console and sign-in route file is in the visit lists", () => {
  expect(consoleRoutes("_app.").filter((name) => name !== "_app")).toEqual(Object.keys(PAGES).sort());
  expect(consoleRoutes("_auth.").filter((name) => name !== "_auth")).toEqual(Object.keys(AUTH_PAGES).sort());
});

/** Seconds since `started`, printed so a run shows what the sweep costs. */
function logDuration(what: string, started: number) {
  const parts = Object.entries(spent).map(([kind, seconds]) => `${kind} ${seconds.toFixed(1)} s`);
  console.log(`console craft: ${what} took ${((Date.now() - started) / 1000).toFixed(1)} s (${parts.join(", ")})`);
  for (const kind of Object.keys(spent)) delete spent[kind];
}

/**
 * The records the pages are opened with: found in the demo project's lists (a session, a completed buy, a customer),
 * or made here with the demo's test keys: a webhook endpoint, a logged (refused) API request, and a sale
 * completed at the sandbox (the Deposit and Payout sections).
 */
async function recordIds(page: Page): Promise<Ids> {
  await open(page, "/");
  const base = new URL(page.url()).pathname;
  const ids: Ids = {
    base,
    live: base.replace(/\/test$/, "/live"),
    session: await firstRecord(page, `${base}/sessions`, "sessions/sess_"),
    // A completed buy (the refund dialog): the sale made below completes too, and offers no refund.
    order: await firstRecord(page, `${base}/orders?status=completed&type=buy`, "orders/ord_"),
    customer: await firstRecord(page, `${base}/customers`, "customers/cust_"),
    externalCustomer: (await page.getByTestId("customer-row").first().locator("td").nth(1).innerText()).trim(),
    endpoint: await addEndpoint(page, base, "http://127.0.0.1:9/craft-pages"),
    sellSession: "",
    sellOrder: "",
    request: "",
    event: "",
  };
  const keys = await testKeys(page);
  const refused = await page.request.post("/v1/sessions", { headers: { Authorization: `Bearer ${keys.secret}` }, data: { sourceAmount: "craft" } });
  expect(refused.status()).toBe(400);
  ids.request = (await refused.json()).error.requestId;

  // The customer sends the crypto at the sandbox and the gateway pays out: a completed sell, which (unlike a
  // completed buy) offers no refund, as the server refuses one (app/orders/refundable.ts).
  const sale = await sellSessionWithOrder(page.request, keys, new URL(page.url()).origin);
  ids.sellSession = sale.sessionId;
  ids.sellOrder = sale.orderId;
  await page.goto(sale.checkoutUrl);
  await page.getByRole("button", { name: "Sent" }).click();
  await expect(page.getByTestId("sandbox-deposited")).toBeVisible();
  await page.getByRole("button", { name: "Approve payout" }).click();
  // The sandbox then sends the customer back (the session's redirectUrl).
  await page.waitForURL((url) => !url.pathname.startsWith("/sandbox/"));
  await open(page, `${base}/orders/${ids.sellOrder}`);
  await expect(page.getByTestId("payout-state")).toHaveText(/^Sent /);
  await expect(page.getByRole("button", { name: "Refund order" })).toHaveCount(0);
  // The sale's events (the demo's history has none of its own).
  ids.event = await firstRecord(page, `${base}/events`, "events/evt_");
  return ids;
}

/** Adds a webhook endpoint through the console, past its signing secret; returns its id (we_…). */
async function addEndpoint(page: Page, base: string, url: string, viewport?: Viewport) {
  await open(page, `${base}/webhooks`);
  const opener = () => page.getByRole("button", { name: "Add endpoint" }).first().click();
  let box = viewport ? await dialog(page, "add-endpoint", viewport, opener, "Add a webhook endpoint") : (await opener(), page.getByRole("dialog"));
  await box.getByLabel("Endpoint URL").fill(url);
  await box.getByRole("button", { name: "Add endpoint" }).click();
  box = viewport ? await dialog(page, "signing-secret", viewport, async () => {}, "Signing secret") : page.getByRole("dialog", { name: "Signing secret" });
  await closeDialog(box);
  // Done opens the new endpoint's page (a second click on the list's link meanwhile would start another navigation
  // over it: under CI's load this once left a blank page).
  await expect(page).toHaveURL(/\/webhooks\/we_/);
  return page.url().split("/").pop()!;
}

const endpointMenu = (page: Page, item: string | RegExp) => async () => {
  await page.getByRole("button", { name: "Endpoint actions" }).click();
  await page.getByRole("menuitem", { name: item }).click();
};

/** Deletes an endpoint through its page (the delete dialog, checked when `viewport` is given). */
async function deleteEndpoint(page: Page, base: string, endpoint: string, viewport?: Viewport) {
  await open(page, `${base}/webhooks/${endpoint}`);
  const opener = endpointMenu(page, "Delete endpoint…");
  const box = viewport ? await dialog(page, "delete-endpoint", viewport, opener, "Delete endpoint") : (await opener(), page.getByRole("dialog"));
  await box.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/webhooks$`));
}

/**
 * The sweep, in four tests (each page, then each dialog, at each size), so that each fits its own time limit and
 * a failure names the half it is in. They share one signed-in page and the records made before them.
 */
test.describe("console craft", () => {
  let context: BrowserContext;
  let page: Page;
  let ids: Ids;
  const browserProblems: string[] = [];

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    fs.mkdirSync(SHOTS, { recursive: true });
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: "reduce" });
    page = await context.newPage();
    // A step that cannot happen fails in seconds rather than at the test's timeout.
    page.setDefaultTimeout(15_000);
    // Each with the page it happened on: the sweep passes through dozens.
    page.on("pageerror", (error) => browserProblems.push(`${new URL(page.url()).pathname}: pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && !/status of (403|404)/.test(message.text())) browserProblems.push(`${new URL(page.url()).pathname}: ${message.text()}`);
    });
    await signIn(page, DEMO.email, DEMO.password);
    await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
    ids = await recordIds(page);
  });

  test.afterAll(async () => {
    // The demo project as it was: no endpoint left to receive (and fail) the next specs' deliveries.
    if (ids) await deleteEndpoint(page, ids.base, ids.endpoint);
    await context?.close();
  });

  test.afterEach(() => {
    expect(browserProblems.splice(0)).toEqual([]);
  });

  for (const viewport of VIEWPORTS) {
    test(`every console page at ${viewport.width}×${viewport.height}, light and dark`, async () => {
      test.setTimeout(600_000);
      const started = Date.now();
      await page.setViewportSize(viewport);
      // At the desktop width the keys, the orders list (its Created column) and an order's webhook events
      // (their Deliveries) fit without scrolling sideways: nothing of them is hidden at the right edge.
      const { base } = ids;
      const fitsAtDesktop = [`${base}/keys`, `${base}/orders`, `${base}/orders/${ids.order}`, `${base}/orders/${ids.sellOrder}`];
      // On a phone a list's ids are cut short (whole on hover, to screen readers and when copied), so the column after
      // the id (a session's status, a customer's own id) is in view before any sideways scrolling.
      const idLists = [`${base}/sessions`, `${base}/orders`, `${base}/customers`];
      for (const [route, paths] of Object.entries(PAGES)) {
        for (const url of paths(ids)) {
          await open(page, url);
          await expect(page.getByTestId("error-page"), `${route}: ${url}`).toHaveCount(0);
          await check(page, shotName(url, ids), viewport);
          if (viewport.name === "desktop" && fitsAtDesktop.includes(url)) expect.soft(await scrolledTables(page), `${url} scrolls sideways`).toEqual([]);
          if (viewport.name === "phone" && idLists.includes(url)) {
            await expect.soft(page.locator("main tbody tr").first().locator("td").nth(1), `${url}: the column after the id`).toBeInViewport({ ratio: 1 });
          }
        }
      }
      logDuration(`every console page at ${viewport.width}×${viewport.height}`, started);
    });
  }

  for (const viewport of VIEWPORTS) {
    test(`every console dialog and menu at ${viewport.width}×${viewport.height}, light and dark`, async () => {
      test.setTimeout(600_000);
      const started = Date.now();
      await page.setViewportSize(viewport);
      const { base } = ids;

      // Shell: search, the organization and account menus, the phone navigation.
      await open(page, base);
      let box = await dialog(page, "search", viewport, () => page.getByTestId("global-search").click(), "Search this project");
      await page.keyboard.press("Escape");
      await expect(box).toBeHidden();
      if (viewport.name === "phone") {
        await page.getByRole("button", { name: "Toggle navigation" }).click();
        await expect(page.getByRole("link", { name: "Sessions", exact: true })).toBeInViewport();
        await check(page, "navigation", viewport, "header, nav");
        await page.getByRole("button", { name: "Toggle navigation" }).click();
      } else {
        // Every destination of the sidebar is in view without scrolling.
        for (const link of await page.locator("nav a:visible").all()) await expect.soft(link).toBeInViewport({ timeout: 1000 });
        await check(page, "navigation", viewport, "header, nav");
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

      // Webhooks: add an endpoint (its signing secret), send it a test event, its dialogs, and delete it.
      const endpoint = await addEndpoint(page, base, `http://127.0.0.1:9/craft-${viewport.name}`, viewport);
      box = await dialog(page, "send-test-event", viewport, () => page.getByRole("button", { name: "Send test event" }).click(), "Send a test event");
      await box.getByRole("button", { name: "Send test event" }).click();
      await expect(box).toBeHidden();
      for (const [name, item, title] of [
        ["edit-endpoint", "Edit endpoint…", "Edit endpoint"],
        ["roll-signing-secret", /Roll signing secret/, "Roll signing secret"],
        ["resend-failed", /Resend failed/, "Resend failed deliveries"],
      ] as const) {
        box = await dialog(page, name, viewport, endpointMenu(page, item), title);
        await closeDialog(box);
      }
      await deleteEndpoint(page, base, endpoint, viewport);

      // Keys: create one (shown once), roll and revoke dialogs, then revoke the new key.
      await open(page, `${base}/keys`);
      box = await dialog(page, "create-secret-key", viewport, () => page.getByRole("button", { name: "Create secret key" }).click(), "Create a secret key");
      await box.getByLabel("Label").fill(`Craft ${viewport.name}`);
      await box.getByRole("button", { name: "Create key" }).click();
      box = await dialog(page, "new-secret-key", viewport, async () => {}, "Your new secret key");
      await expect(box.getByTestId("new-key-token")).toHaveText(/^sk_test_/);
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

      // A restricted key: its permissions picker, IP allowlist and expiry (the calendar), expiring in two days,
      // so the keys page shows its warning; then its allowlist dialog.
      const restricted = `Craft restricted ${viewport.name}`;
      box = await dialog(page, "create-secret-key", viewport, () => page.getByRole("button", { name: "Create secret key" }).click(), "Create a secret key");
      await box.getByLabel("Label").fill(restricted);
      await box.getByText("Restricted", { exact: true }).click();
      await box.getByRole("button", { name: "Create key" }).click();
      await expect(box.getByText("Choose at least one permission for a restricted key.")).toBeVisible();
      await box
        .getByTestId("key-permissions")
        .getByRole("row", { name: /Sessions/ })
        .getByText("Read", { exact: true })
        .click();
      await box.getByLabel("IP allowlist (optional)").fill("10.0.0.0/8\n2001:db8::/32");
      await check(page, "dialog-create-restricted-key", viewport, "[role=dialog]");
      await box.getByLabel("Expires on (optional)").click();
      const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
      if (inTwoDays.getMonth() !== new Date().getMonth()) await page.locator('[data-direction="next"]').click();
      const day = page.getByRole("button", { name: inTwoDays.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }), exact: true });
      await expect(day).toBeVisible();
      await check(page, "key-expiry-calendar", viewport, ".mantine-Popover-dropdown");
      await day.click();
      // With a date chosen, the field's clear button.
      await check(page, "dialog-create-restricted-key-expiring", viewport, "[role=dialog]");
      await box.getByRole("button", { name: "Create key" }).click();
      box = await dialog(page, "new-restricted-key", viewport, async () => {}, "Your new restricted key");
      await closeDialog(box);
      await expect(page.getByTestId("key-warnings")).toContainText(restricted);
      box = await dialog(
        page,
        "ip-allowlist",
        viewport,
        async () => {
          await page.getByRole("button", { name: new RegExp(`Actions for ${restricted}`) }).click();
          await page.getByRole("menuitem", { name: "Edit IP allowlist…" }).click();
        },
        "IP allowlist",
      );
      await closeDialog(box);

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
      logDuration(`every console dialog and menu at ${viewport.width}×${viewport.height}`, started);
    });
  }
});

/** `check` at both sizes, back at the desktop size afterwards. */
async function checkSizes(page: Page, name: string, scope?: string) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await check(page, name, viewport, scope);
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** An invitee in their own browser: signs up from the invitation, verifies by the mailed link, accepts. */
async function joinByInvitation(browser: Browser, invitePath: string, email: string) {
  const context = await browser.newContext({ viewport: VIEWPORTS[0] });
  const member = await context.newPage();
  await member.goto(invitePath);
  await member.getByRole("link", { name: "Create an account to join" }).click();
  await member.getByLabel("Your name").fill("Milo Member");
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Create account" }).click();
  await expect(member.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await verifyEmailByMail(member, email);
  await member.getByRole("button", { name: "Accept invitation" }).click();
  await expect(member.getByTestId("org-switcher")).toContainText("Craft Co");
  return member;
}

const PASSWORD = "correct-horse-battery";

test("every sign-in page and account security state at both sizes, light and dark", async ({ page, browser }) => {
  test.setTimeout(600_000);
  const started = Date.now();
  fs.mkdirSync(SHOTS, { recursive: true });
  page.setDefaultTimeout(15_000);
  await page.emulateMedia({ reducedMotion: "reduce" });
  const visited = new Set<string>();
  /** Opens nothing: checks the page as it is now, as a state of `route`. */
  const state = async (route: keyof typeof AUTH_PAGES | "", name: string, scope?: string) => {
    if (route) visited.add(route);
    await page.evaluate(() => window.scrollTo(0, 0));
    await checkSizes(page, `auth-${name}`, scope);
  };
  const visit = async (route: keyof typeof AUTH_PAGES, url: string, name: string, heading: string | RegExp) => {
    await open(page, url);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await state(route, name);
  };
  /** The open dialog at both sizes, then closed. */
  const dialogState = async (name: string, title: string) => {
    const box = page.getByRole("dialog", { name: title });
    await expect(box).toBeVisible();
    // Finished opening: a dialog mid-transition reads half transparent to axe.
    await settled(page);
    await checkSizes(page, `dialog-${name}`, "[role=dialog]");
    await closeDialog(box);
  };
  await page.setViewportSize(VIEWPORTS[0]);

  // Signed out.
  await visit("_auth.login", "/login", "login", "Sign in");
  await visit("_auth.signup", "/signup", "signup", "Create your account");
  await visit("_auth.forgot-password", "/forgot-password", "forgot-password", "Forgot your password?");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await state("_auth.forgot-password", "forgot-password-sent");
  await visit("_auth.reset-password", "/reset-password", "reset-password-incomplete", "This link is incomplete");
  await visit("_auth.reset-password", "/reset-password?token=craft", "reset-password", "Choose a new password");
  await visit("_auth.verify-email", "/verify-email?token=forged", "verify-email-invalid", "This link can't be used");
  await visit("_auth.invite.$invitationId", "/invite/inv_craft", "invite-invalid", "This invitation can't be used");

  // Sign up: check your email, the mailed link, onboarding.
  const email = uniqueEmail("craft.owner");
  await signUp(page, { name: "Cora Craft", email, password: PASSWORD });
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await state("_auth.check-email", "check-email");
  await open(page, await mailedPath(email, "Verify your email for Ramp", "/verify-email"));
  await expect(page.getByRole("heading", { name: "Email verified" })).toBeVisible();
  await state("_auth.verify-email", "verify-email");
  await page.getByRole("link", { name: /^Continue/ }).click();
  await expect(page.getByLabel("Organization name")).toBeVisible();
  await state("_auth.onboarding", "onboarding");
  await page.getByLabel("Organization name").fill("Craft Co");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/projects$/);

  // Team: an invitation (its link), sent again; the invitation as its invitee and as the owner see it.
  await open(page, "/settings/team");
  const memberEmail = uniqueEmail("craft.member");
  await page.getByLabel("Email").fill(memberEmail);
  await page.getByRole("button", { name: "Send invitation" }).click();
  const invitePath = new URL((await page.getByTestId("invite-link").textContent())!.trim()).pathname;
  await state("", "team-invited");
  await page.getByRole("button", { name: `Resend invitation to ${memberEmail}` }).click();
  await expect(page.getByText(`Invitation sent again to ${memberEmail}.`).first()).toBeVisible();
  await state("", "team-invitation-resent");
  await visit("_auth.invite.$invitationId", invitePath, "invite-another-account", /^Join Craft Co/);
  const member = await joinByInvitation(browser, invitePath, memberEmail);

  // The owner's team page with the member: transfer ownership; the account page: leave.
  await open(page, "/settings/team");
  await page.getByRole("button", { name: `Transfer ownership to ${memberEmail}` }).click();
  await dialogState("transfer-ownership", "Transfer ownership");
  await open(page, "/settings/organization");
  await page.getByLabel("Require two-factor for every member").check();
  await page.getByRole("button", { name: "Save" }).nth(1).click();
  await expect(page.getByRole("alert")).toContainText("Turn on two-factor sign-in for your own account first");
  await state("", "organization-two-factor-refused");
  await open(page, "/settings/account");
  await page.getByRole("button", { name: "Leave Craft Co" }).click();
  await dialogState("leave-organization", "Leave organization");

  // Two-factor set-up: password, QR code (a wrong code), backup codes; the account page with it on.
  await page.getByRole("link", { name: "Set up two-factor" }).click();
  await expect(page).toHaveURL(/\/two-factor\/setup/);
  await state("_auth.two-factor.setup", "two-factor-setup-password");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s/g, "")), digits: 6, period: 30 });
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByText("That code isn't right")).toBeVisible();
  await state("_auth.two-factor.setup", "two-factor-setup-code");
  await page.getByLabel("Code").fill(totp.generate());
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByTestId("backup-codes")).toBeVisible();
  await state("_auth.two-factor.setup", "two-factor-setup-backup-codes");
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByTestId("two-factor-status")).toHaveText("On");
  await state("", "account-two-factor-on");
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "New backup codes" }).click();
  await expect(page.getByTestId("backup-codes")).toBeVisible();
  await state("", "account-new-backup-codes");

  // The organization requires it: the member is sent through set-up.
  await open(page, "/settings/organization");
  await page.getByLabel("Require two-factor for every member").check();
  await page.getByRole("button", { name: "Save" }).nth(1).click();
  await expect(page.getByRole("status")).toContainText("Every member now needs two-factor sign-in.");
  await state("", "organization-two-factor-required");
  await member.goto("/settings/team");
  await expect(member.getByRole("alert")).toContainText("Craft Co requires two-factor sign-in");
  for (const viewport of VIEWPORTS) {
    await member.setViewportSize(viewport);
    await check(member, "auth-two-factor-setup-required", viewport);
  }
  await member.context().close();

  // Signing in again: the code, then the backup code instead.
  await signOut(page);
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code isn't right")).toBeVisible();
  await state("_auth.login_.two-factor.($method)", "login-two-factor");
  await page.getByRole("link", { name: "Use a backup code" }).click();
  await expect(page).toHaveURL(/\/login\/two-factor\/backup/);
  await state("_auth.login_.two-factor.($method)", "login-two-factor-backup");

  expect([...visited].sort()).toEqual(Object.keys(AUTH_PAGES).sort());
  logDuration("every sign-in page and account security state", started);
});
