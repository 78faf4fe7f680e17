import { DEMO, expect, screenshotBothSchemes, signIn, signUp, signUpAndContinue, test, uniqueEmail, verifyEmailByMail } from "./fixtures";

const PASSWORD = "correct-horse-battery";

test("the demo login opens the demo project with its history, in test and live mode", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await screenshotBothSchemes(page, "login");
  await signIn(page, DEMO.email, DEMO.password);

  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  await expect(page.getByRole("heading", { name: "Acme Web Shop" })).toBeVisible();
  // Test mode is signalled once: the orange bar across the top and its badge.
  await expect(page.getByTestId("test-mode-bar")).toBeVisible();
  await expect(page.getByTestId("test-mode-badge")).toBeVisible();
  await expect(page.getByTestId("key-publishable")).toContainText("pk_test_");
  await expect(page.getByTestId("key-secret")).toContainText("sk_test_…");
  await expect(page.getByRole("cell", { name: /^sess_/ }).first()).toBeVisible();
  await screenshotBothSchemes(page, "project-overview-test");

  await page.getByRole("switch", { name: "Test mode" }).click({ force: true });
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/live$/);
  await expect(page.getByTestId("test-mode-bar")).toHaveCount(0);
  await expect(page.getByTestId("test-mode-badge")).toHaveCount(0);
  await expect(page.getByTestId("key-publishable")).toContainText("pk_live_");
  await screenshotBothSchemes(page, "project-overview-live");

  // The project switcher moves to the other demo project, keeping the mode.
  await page.getByTestId("project-switcher").click();
  await page.getByRole("option", { name: "Acme Mobile" }).click();
  await expect(page.getByRole("heading", { name: "Acme Mobile" })).toBeVisible();
  await expect(page).toHaveURL(/\/live$/);
  // And the switch goes back to test mode, on the same page.
  await page.getByRole("switch", { name: "Test mode" }).click({ force: true });
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  await expect(page.getByTestId("test-mode-bar")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Acme Mobile" })).toBeVisible();

  await page.goto("/projects");
  await expect(page.getByTestId("project-card")).toHaveCount(2);
  await screenshotBothSchemes(page, "projects");
});

test("sign-up and sign-in explain what is wrong", async ({ page }) => {
  await signIn(page, DEMO.email, "not-the-password");
  await expect(page.getByRole("alert")).toContainText("don't match an account");

  await signUp(page, { name: "Shorty", email: "not-an-email", password: "short" });
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await screenshotBothSchemes(page, "signup-errors");

  await signUp(page, { name: "Dup", email: DEMO.email, password: PASSWORD });
  await expect(page.getByRole("alert")).toContainText("already exists");
});

test("a new partner signs up, creates an organization and a project with its keys", async ({ page }) => {
  await signUpAndContinue(page, { name: "Nora Partner", email: uniqueEmail("nora"), password: PASSWORD });
  await expect(page).toHaveURL(/\/onboarding$/);
  await screenshotBothSchemes(page, "onboarding");
  await page.getByLabel("Organization name").fill("Nora Games");
  await page.getByRole("button", { name: "Create organization" }).click();

  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByText("No projects yet")).toBeVisible();
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("Give the project a name")).toBeVisible();
  await page.getByLabel("Project name").fill("Nora Shop");
  await page.getByRole("button", { name: "Create project" }).click();

  // The live secret key is shown once and must be acknowledged before moving on.
  await expect(page.getByTestId("live-secret-key")).toContainText(/^sk_live_[0-9A-Za-z]{43}$/);
  await screenshotBothSchemes(page, "project-created-live-key");
  const openProject = page.getByRole("button", { name: "Open project" });
  await expect(openProject).toBeDisabled();
  await page.getByLabel("I have stored the live secret key somewhere safe").check();
  await openProject.click();

  // A new project opens on Get started (the quick start, nothing ticked off yet), then the overview.
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test\/get-started$/);
  await expect(page.getByTestId("quick-start-progress")).toHaveText("0 of 4 done");
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  await expect(page.getByRole("heading", { name: "Nora Shop", exact: true })).toBeVisible();
  await expect(page.getByTestId("key-publishable")).toContainText(/pk_test_[0-9A-Za-z]{43}/);
  await expect(page.getByText("No sessions in test mode yet")).toBeVisible();
  await expect(page.getByTestId("org-switcher")).toContainText("Nora Games");
});

test("an admin invites a support member, who joins and is refused admin pages", async ({ page, browser }) => {
  await signUpAndContinue(page, { name: "Olivia Owner", email: uniqueEmail("olivia"), password: PASSWORD });
  await page.getByLabel("Organization name").fill("Olivia Ramp Co");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/projects$/);

  await page.getByRole("link", { name: "Team" }).click();
  const supportEmail = uniqueEmail("sam.support");
  await page.getByLabel("Email").fill(supportEmail);
  await page.getByRole("textbox", { name: "Role", exact: true }).click();
  await page.getByRole("option", { name: "Support" }).click();
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9]+$/);
  await expect(page.getByTestId("invitations-table")).toContainText(supportEmail);
  await screenshotBothSchemes(page, "team");

  // The invitee, in their own browser.
  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  const problems: string[] = [];
  inviteePage.on("pageerror", (e) => problems.push(e.message));
  await inviteePage.goto(new URL(link).pathname);
  await expect(inviteePage.getByRole("heading", { name: "Join Olivia Ramp Co" })).toBeVisible();
  await screenshotBothSchemes(inviteePage, "invite");
  await inviteePage.getByRole("link", { name: "Create an account to join" }).click();
  await expect(inviteePage.getByLabel("Work email")).toHaveValue(supportEmail);
  await inviteePage.getByLabel("Your name").fill("Sam Support");
  await inviteePage.getByLabel("Password").fill(PASSWORD);
  await inviteePage.getByRole("button", { name: "Create account" }).click();
  await verifyEmailByMail(inviteePage, supportEmail);
  await inviteePage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(inviteePage.getByTestId("org-switcher")).toContainText("Olivia Ramp Co");
  await expect(inviteePage.getByTestId("org-switcher")).toContainText("Support");
  await expect(inviteePage.getByRole("link", { name: "Team" })).toHaveCount(0);

  await inviteePage.goto("/settings/team");
  await expect(inviteePage.getByTestId("error-page")).toContainText("403");
  await expect(inviteePage.getByRole("heading", { name: "You don't have access to this" })).toBeVisible();
  await screenshotBothSchemes(inviteePage, "forbidden");
  await inviteePage.goto("/settings/organization");
  await expect(inviteePage.getByTestId("error-page")).toContainText("403");
  // A direct POST is refused on the server too, not only hidden in the UI.
  const response = await inviteePage.request.post("/settings/team?index", {
    form: { intent: "invite", email: uniqueEmail("sneaky"), role: "admin" },
    headers: { Origin: new URL(link).origin },
  });
  expect(response.status()).toBe(403);
  expect(problems).toEqual([]);
  await invitee.close();

  // Back with the owner: the invitation is gone, the member is listed with their role.
  await page.reload();
  await expect(page.getByTestId("members-table")).toContainText(supportEmail);
  await expect(page.getByText("No pending invitations.")).toBeVisible();

  // Both sides of the membership change are in the audit log.
  await page.goto("/settings/audit?area=member");
  await expect(page.getByTestId("audit-table").getByText("member.invited", { exact: true })).toBeVisible();
  await expect(page.getByTestId("audit-table").getByText("member.joined", { exact: true })).toBeVisible();
  await expect(page.getByTestId("audit-table")).toContainText(supportEmail);
});

test("a member of two organizations switches between them", async ({ page }) => {
  await signUpAndContinue(page, { name: "Max Multi", email: uniqueEmail("max"), password: PASSWORD });
  await page.getByLabel("Organization name").fill("First Org");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByTestId("org-switcher")).toContainText("First Org");

  await page.getByTestId("org-switcher").click();
  await page.getByRole("menuitem", { name: "New organization" }).click();
  await page.getByLabel("Organization name").fill("Second Org");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByTestId("org-switcher")).toContainText("Second Org");

  await page.getByTestId("org-switcher").click();
  await page.getByRole("menuitem", { name: "First Org" }).click();
  await expect(page.getByTestId("org-switcher")).toContainText("First Org");
  await page.goto("/settings/organization");
  await expect(page.getByLabel("Organization name")).toHaveValue("First Org");
  await screenshotBothSchemes(page, "organization-settings");
});

test("a user changes their password and signs in with the new one", async ({ page }) => {
  const email = uniqueEmail("pat");
  await signUpAndContinue(page, { name: "Pat Password", email, password: PASSWORD });
  await page.getByLabel("Organization name").fill("Pat Org");
  await page.getByRole("button", { name: "Create organization" }).click();
  await page.goto("/settings/account");

  await page.getByLabel("Current password").fill("wrong-password-123");
  await page.getByLabel("New password", { exact: true }).fill("new-password-456");
  await page.getByLabel("Repeat the new password").fill("new-password-456");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not right.")).toBeVisible();

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("new-password-456");
  await page.getByLabel("Repeat the new password").fill("new-password-456");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Password changed");
  await screenshotBothSchemes(page, "account");

  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("alert")).toBeVisible();
  await signIn(page, email, "new-password-456");
  await expect(page).toHaveURL(/\/projects$/);
});

test("unknown pages and other tenants' projects answer 404", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/test$/);
  await page.goto("/projects/00000000-0000-4000-8000-000000000000/test");
  await expect(page.getByTestId("error-page")).toContainText("404");
  await page.goto("/projects/not-a-uuid/test");
  await expect(page.getByTestId("error-page")).toContainText("404");
  await page.goto("/no/such/page");
  await expect(page.getByTestId("error-page")).toContainText("404");
  await screenshotBothSchemes(page, "not-found");
  const health = await page.request.get("/healthz");
  // The request log's counters ride along (docs/api-contract.md#other-endpoints).
  expect(await health.json()).toMatchObject({ status: "ok", database: "pglite", requestLog: { dropped: 0, failedWrites: 0 } });
});

test("the console works in a phone-sized window", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page.getByRole("heading", { name: "Acme Web Shop" })).toBeVisible();
  const sessionsLink = page.getByRole("link", { name: "Sessions", exact: true });
  await expect(sessionsLink).not.toBeInViewport();
  await screenshotBothSchemes(page, "project-overview-phone");
  await page.getByRole("button", { name: "Toggle navigation" }).click();
  await expect(sessionsLink).toBeInViewport();
  // Inside a project, the organization's pages fold into one group.
  await page.getByRole("button", { name: "Organization" }).click();
  const projectsLink = page.getByRole("link", { name: "Projects" });
  await expect(projectsLink).toBeInViewport();
  await screenshotBothSchemes(page, "navigation-phone");
  await projectsLink.click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByTestId("project-card").first()).toBeVisible();

  // The mode switch sits in the navigation on a phone: to live and back to test, each time on the same page.
  await page.getByTestId("project-card").first().click();
  for (const mode of ["live", "test"]) {
    await page.getByRole("button", { name: "Toggle navigation" }).click();
    await page.getByRole("switch", { name: "Test mode" }).click({ force: true });
    await expect(page).toHaveURL(new RegExp(`/projects/[0-9a-f-]{36}/${mode}$`));
    await expect(page.getByTestId("test-mode-bar")).toHaveCount(mode === "test" ? 1 : 0);
  }
});

test("a table that scrolls sideways on a phone can be scrolled by keyboard as soon as the page runs its scripts", async ({ page }) => {
  // The moment <html data-hydrated> appears (app/root.tsx), each scrolling box (ScrollShadow) is already in the tab
  // order: a check or a keypress right after the page loads finds it so (axe: scrollable-region-focusable).
  await page.addInitScript(() => {
    const marks = window as unknown as { __scrollRegionsAtHydration?: string[] };
    new MutationObserver((_, observer) => {
      if (!document.documentElement.hasAttribute("data-hydrated")) return;
      observer.disconnect();
      marks.__scrollRegionsAtHydration = Array.from(document.querySelectorAll<HTMLElement>("main [data-scrolls], main div[style*='overflow-x']"))
        .map((box) => (box.hasAttribute("data-scrolls") ? (box.firstElementChild as HTMLElement) : box))
        .filter((box) => box.scrollWidth > box.clientWidth + 1)
        .map((box) => `${box.closest("[data-testid]")?.getAttribute("data-testid") ?? box.parentElement?.className}: tabindex ${box.getAttribute("tabindex")}`);
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/test$/);
  const base = new URL(page.url()).pathname;
  for (const path of [base, `${base}/customers`, `${base}/orders`]) {
    await page.goto(path);
    const regions = await page.waitForFunction(() => (window as unknown as { __scrollRegionsAtHydration?: string[] }).__scrollRegionsAtHydration);
    const found = (await regions.jsonValue()) as string[];
    expect(found.length, `${path}: a table scrolls sideways at 390 px`).toBeGreaterThan(0);
    expect(
      found.filter((region) => !region.endsWith("tabindex 0")),
      path,
    ).toEqual([]);
  }
});
