/**
 * Team security in the browser: an invitation is accepted only by the verified invited address;
 * forgot password → reset → sign in; transfer ownership and leave an organization. The app
 * mails through SMTP to the stand-in the fixtures run (e2e/fixtures.ts), and the specs open the
 * links it received, as the recipient would.
 */
import type { Page } from "@playwright/test";
import { DEMO, expect, mailedPath, screenshotBothSchemes, signIn, signUp, signUpAndContinue, test, uniqueEmail, verifyEmailByMail } from "./fixtures";

const PASSWORD = "correct-horse-battery";
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Light and dark, at 1440×900 and 390×844 (`fullPage: false` for an open dialog). */
async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  for (const [size, viewport] of [
    ["1440", DESKTOP],
    ["390", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await screenshotBothSchemes(page, `${name}-${size}`, options);
  }
  await page.setViewportSize(DESKTOP);
}

async function invite(page: Page, email: string, role: "Admin" | "Developer" | "Support") {
  await page.goto("/settings/team");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("textbox", { name: "Role", exact: true }).click();
  await page.getByRole("option", { name: role }).click();
  await page.getByRole("button", { name: "Send invitation" }).click();
  return new URL((await page.getByTestId("invite-link").textContent())!.trim()).pathname;
}

async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

// Long flows (two browsers, mail round trips, screenshots at two sizes) on a busy machine.
test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page }) => {
  await page.setViewportSize(DESKTOP);
});

test("an invitation is accepted only by a signed-in user whose verified address it was sent to", async ({ page, browser }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/test$/);
  // The demo owner counts as verified: no banner.
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);
  const inviteeEmail = uniqueEmail("ivy.invitee");
  const invitePath = await invite(page, inviteeEmail, "Developer");

  const context = await browser.newContext({ viewport: DESKTOP });
  const other = await context.newPage();
  // Someone else, signed in under their own (verified) address, holds the link: refused, and told why.
  const otherEmail = uniqueEmail("oscar.other");
  await signUpAndContinue(other, { name: "Oscar Other", email: otherEmail, password: PASSWORD });
  await verifyEmailByMail(other, otherEmail);
  await other.goto(invitePath);
  await expect(other.getByText(`You're signed in as ${otherEmail}. Sign out and sign in as ${inviteeEmail} to accept.`)).toBeVisible();
  await expect(other.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  // Posting the accept anyway is refused by the server with the same reason.
  await other.evaluate(() => {
    const form = document.createElement("form");
    form.method = "post";
    document.body.append(form);
    form.submit();
  });
  await expect(other.getByRole("alert").filter({ hasText: "This invitation was sent to another email address" })).toBeVisible();
  await shoot(other, "invite-wrong-account");
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/login$/);

  // The invitee signs up from the invitation: "check your email".
  await other.goto(invitePath);
  await other.getByRole("link", { name: "Create an account to join" }).click();
  // The sign-up page the link opens (its address carries the invitation): read only once it is there.
  await expect(other).toHaveURL(/\/signup\?/);
  await signUp(other, { name: "Ivy Invitee", email: inviteeEmail, password: PASSWORD }, other.url().replace(/^https?:\/\/[^/]+/, ""));
  await expect(other.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(other.getByText(inviteeEmail)).toBeVisible();
  // Production: the link is mailed, never shown.
  await expect(other.getByTestId("dev-mail-link")).toHaveCount(0);
  await other.getByRole("button", { name: "Send the link again" }).click();
  await expect(other.getByRole("status")).toContainText(`We sent a new link to ${inviteeEmail}.`);
  await shoot(other, "check-email");

  // Not verified yet: the invitation says so instead of offering to accept.
  await other.getByRole("link", { name: "Continue" }).click();
  await expect(other.getByTestId("invite-verify-first")).toContainText("Verify your email first");
  await expect(other.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  await shoot(other, "invite-verify-first");

  // The mailed link verifies the address and leads back to the invitation.
  await other.goto(await mailedPath(inviteeEmail, "Verify your email for Ramp", "/verify-email"));
  await expect(other.getByRole("heading", { name: "Email verified" })).toBeVisible();
  await shoot(other, "email-verified");
  await other.getByRole("link", { name: "Continue to your invitation" }).click();
  await other.getByRole("button", { name: "Accept invitation" }).click();
  await expect(other.getByTestId("org-switcher")).toContainText("Acme Games");
  await expect(other.getByTestId("org-switcher")).toContainText("Developer");
  await expect(other.getByTestId("verify-email-banner")).toHaveCount(0);

  // A used verification link is explained, not an error page.
  await other.goto(await mailedPath(inviteeEmail, "Verify your email for Ramp", "/verify-email"));
  await expect(other.getByRole("heading", { name: /Email verified|This link can't be used/ })).toBeVisible();
  await other.goto("/verify-email?token=forged");
  await expect(other.getByRole("heading", { name: "This link can't be used" })).toBeVisible();
  await shoot(other, "verify-email-invalid");
  await context.close();
});

test("forgot password: the mailed link sets a new password, which then signs in", async ({ page }) => {
  const email = uniqueEmail("frida.forgetful");
  await signUpAndContinue(page, { name: "Frida Forgetful", email, password: PASSWORD });
  await page.getByLabel("Organization name").fill("Frida Co");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  // Unverified: the banner says so on every console page.
  await expect(page.getByTestId("verify-email-banner")).toContainText("Verify your email address");
  await shoot(page, "verify-email-banner");
  await signOut(page);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await shoot(page, "forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByTestId("dev-mail-link")).toHaveCount(0);
  await shoot(page, "forgot-password-sent");

  await page.goto(await mailedPath(email, "Reset your Ramp password", "/reset-password"));
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await page.getByLabel("Repeat the new password").fill("not-the-same-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two passwords differ.")).toBeVisible();
  await shoot(page, "reset-password");
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await page.getByLabel("Repeat the new password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByRole("status")).toContainText("Password changed. Sign in with your new password.");
  await shoot(page, "login-after-reset");

  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("alert")).toContainText("don't match an account");
  await signIn(page, email, "a-brand-new-password");
  await expect(page).toHaveURL(/\/projects$/);
  // The reset link reached the address: it counts as verified.
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);
});

test("an owner transfers ownership to a member, then leaves the organization", async ({ page, browser }) => {
  await signUpAndContinue(page, { name: "Olga Owner", email: uniqueEmail("olga"), password: PASSWORD });
  await page.getByLabel("Organization name").fill("Handover Co");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/projects$/);

  const adamEmail = uniqueEmail("adam.admin");
  const invitePath = await invite(page, adamEmail, "Admin");
  // Resend the invitation (the link stays the same, valid for another week).
  await page.getByRole("button", { name: `Resend invitation to ${adamEmail}` }).click();
  await expect(page.getByText(`Invitation sent again to ${adamEmail}.`)).toBeVisible();

  const context = await browser.newContext({ viewport: DESKTOP });
  const adam = await context.newPage();
  await signUp(adam, { name: "Adam Admin", email: adamEmail, password: PASSWORD }, `/signup?redirectTo=${encodeURIComponent(invitePath)}`);
  await verifyEmailByMail(adam, adamEmail);
  await adam.getByRole("button", { name: "Accept invitation" }).click();
  await expect(adam.getByTestId("org-switcher")).toContainText("Admin");

  // The only owner cannot leave: the dialog says what to do instead.
  await page.goto("/settings/account");
  await page.getByRole("button", { name: "Leave Handover Co" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Leave organization" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("You are the only owner of Handover Co.");
  await shoot(page, "leave-only-owner", { fullPage: false });
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  await page.goto("/settings/team");
  await expect(page.getByTestId("members-table")).toContainText(adamEmail);
  await page.getByRole("button", { name: `Transfer ownership to ${adamEmail}` }).click();
  await expect(page.getByRole("dialog")).toContainText(`${adamEmail} becomes an owner of the organization.`);
  await shoot(page, "transfer-ownership", { fullPage: false });
  await page.getByRole("dialog").getByRole("button", { name: "Transfer ownership" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText(`${adamEmail} is now an owner; you are an admin.`)).toBeVisible();
  await expect(page.getByTestId("org-switcher")).toContainText("Admin");
  await page.reload();
  await expect(page.getByTestId("members-table").getByRole("row").filter({ hasText: adamEmail })).toContainText("Owner");
  await shoot(page, "team-after-transfer");

  await page.goto("/settings/account");
  await expect(page.getByTestId("your-organizations")).toContainText("Handover Co");
  await shoot(page, "account-organizations");
  await page.getByRole("button", { name: "Leave Handover Co" }).click();
  await expect(page.getByRole("dialog")).toContainText("You lose access to Handover Co");
  await shoot(page, "leave-organization", { fullPage: false });
  await page.getByRole("dialog").getByRole("button", { name: "Leave organization" }).click();
  // No organization left: on to creating one.
  await expect(page).toHaveURL(/\/onboarding$/);

  // Adam, now the only owner, sees Olga gone from the team, and the audit log has it all.
  await adam.goto("/settings/team");
  await expect(adam.getByTestId("members-table")).not.toContainText("Olga Owner");
  await adam.goto("/settings/audit?area=member");
  for (const action of ["member.ownership_transferred", "member.left", "member.invitation_resent"]) {
    await expect(adam.getByTestId("audit-table").getByText(action, { exact: true })).toBeVisible();
  }
  await context.close();
});
