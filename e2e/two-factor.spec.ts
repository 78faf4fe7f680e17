/**
 * Two-factor sign-in and signed-in devices (issue 18, points 3 and 6), in the browser: an owner
 * sets up two-factor and requires it of every member; a member signs in, is sent through set-up
 * (a TOTP code computed here with otpauth), then signs in again with a code and with a backup
 * code; the devices list shows two sessions and signs one out.
 */
import type { Browser, Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expect, screenshotBothSchemes, signIn, signUpAndContinue, test, uniqueEmail, verifyEmailByMail } from "./fixtures";

const PASSWORD = "correct-horse-battery";
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Light and dark, at 1440×900 and 390×844. */
async function shoot(page: Page, name: string) {
  await page.setViewportSize(WIDE);
  await screenshotBothSchemes(page, `two-factor-${name}-1440`);
  await page.setViewportSize(PHONE);
  await screenshotBothSchemes(page, `two-factor-${name}-390`);
  await page.setViewportSize(WIDE);
}

/** The code the authenticator app would show, from the key the set-up page prints. */
function totpFor(secret: string) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s/g, "")), digits: 6, period: 30 });
}

/** Walks through set-up from the password step; answers the TOTP generator and the backup codes. */
async function completeSetUp(page: Page, screenshots?: string) {
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  if (screenshots) await shoot(page, `${screenshots}-qr`);
  const totp = totpFor(secret);
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByText("That code isn't right")).toBeVisible();
  if (screenshots) await shoot(page, `${screenshots}-wrong-code`);
  await page.getByLabel("Code").fill(totp.generate());
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByTestId("backup-codes")).toBeVisible();
  const backupCodes = (await page.getByTestId("backup-code").allTextContents()).map((c) => c.trim());
  expect(backupCodes).toHaveLength(10);
  if (screenshots) await shoot(page, `${screenshots}-backup-codes`);
  return { totp, backupCodes };
}

async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ viewport: WIDE });
  return context.newPage();
}

test("an owner requires two-factor; a member is sent through set-up and signs in with a code and a backup code", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await page.setViewportSize(WIDE);
  const ownerEmail = uniqueEmail("tess.owner");
  await signUpAndContinue(page, { name: "Tess Owner", email: ownerEmail, password: PASSWORD });
  await verifyEmailByMail(page, ownerEmail);
  await page.goto("/onboarding");
  await page.getByLabel("Organization name").fill("Tess Secure Co");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/projects$/);

  // Invite a member, who joins in their own browser.
  await page.getByRole("link", { name: "Team" }).click();
  const memberEmail = uniqueEmail("milo.member");
  await page.getByLabel("Email").fill(memberEmail);
  await page.getByRole("textbox", { name: "Role", exact: true }).click();
  await page.getByRole("option", { name: "Developer" }).click();
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  const member = await newPage(browser);
  await member.goto(new URL(link).pathname);
  await member.getByRole("link", { name: "Create an account to join" }).click();
  await member.getByLabel("Your name").fill("Milo Member");
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Create account" }).click();
  // Only the verified invited address may accept (e2e/team-security.spec.ts): the member opens the mailed link first.
  await expect(member.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await verifyEmailByMail(member, memberEmail);
  await member.getByRole("button", { name: "Accept invitation" }).click();
  await expect(member.getByTestId("org-switcher")).toContainText("Tess Secure Co");
  await signOut(member);

  // The owner can't require it before having it; sets it up from the account page.
  await page.goto("/settings/organization");
  await page.getByLabel("Require two-factor for every member").check();
  await page.getByRole("button", { name: "Save" }).nth(1).click();
  await expect(page.getByRole("alert")).toContainText("Turn on two-factor sign-in for your own account first");
  await page.goto("/settings/account");
  await expect(page.getByTestId("two-factor-status")).toHaveText("Off");
  await shoot(page, "account-off");
  await page.getByRole("link", { name: "Set up two-factor" }).click();
  await expect(page).toHaveURL(/\/two-factor\/setup/);
  await shoot(page, "setup-password");
  await completeSetUp(page, "setup");
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(page.getByTestId("two-factor-status")).toHaveText("On");
  await shoot(page, "account-on");

  // New backup codes with the password.
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "New backup codes" }).click();
  await expect(page.getByTestId("backup-codes")).toBeVisible();
  await shoot(page, "account-new-backup-codes");

  await page.goto("/settings/organization");
  await page.getByLabel("Require two-factor for every member").check();
  await page.getByRole("button", { name: "Save" }).nth(1).click();
  await expect(page.getByRole("status")).toContainText("Every member now needs two-factor sign-in.");
  await shoot(page, "organization-required");

  // The member signs in and is sent to set-up before anything else.
  await signIn(member, memberEmail, PASSWORD);
  await expect(member).toHaveURL(/\/two-factor\/setup/);
  await expect(member.getByRole("alert")).toContainText("Tess Secure Co requires two-factor sign-in");
  await member.goto("/settings/team");
  await expect(member).toHaveURL(/\/two-factor\/setup\?redirectTo=%2Fsettings%2Fteam$/);
  await shoot(member, "setup-required");
  const { totp, backupCodes } = await completeSetUp(member);
  await member.getByRole("link", { name: "Continue" }).click();
  await expect(member).toHaveURL(/\/settings\/team$/);

  // The team page shows each member's status.
  await page.goto("/settings/team");
  await expect(
    page
      .getByTestId("members-table")
      .getByRole("row", { name: new RegExp(memberEmail) })
      .getByTestId("member-two-factor"),
  ).toHaveText("On");
  await shoot(page, "team");

  // Signing in again asks for the code after the password.
  await signOut(member);
  await signIn(member, memberEmail, PASSWORD);
  await expect(member).toHaveURL(/\/login\/two-factor/);
  await member.getByLabel("Authentication code").fill("000000");
  await member.getByRole("button", { name: "Verify" }).click();
  await expect(member.getByText("That code isn't right")).toBeVisible();
  await shoot(member, "sign-in-code");
  await member.getByLabel("Authentication code").fill(totp.generate());
  await member.getByRole("button", { name: "Verify" }).click();
  await expect(member.getByTestId("org-switcher")).toContainText("Tess Secure Co");

  // And once with a backup code instead.
  await signOut(member);
  await signIn(member, memberEmail, PASSWORD);
  await member.getByRole("link", { name: "Use a backup code" }).click();
  await expect(member).toHaveURL(/\/login\/two-factor\/backup/);
  await shoot(member, "sign-in-backup-code");
  await member.getByLabel("Backup code").fill(backupCodes[0]!);
  await member.getByRole("button", { name: "Verify" }).click();
  await expect(member.getByTestId("org-switcher")).toContainText("Tess Secure Co");

  // A second browser: the devices list shows both sessions, and signs the other one out.
  const laptop = await newPage(browser);
  await signIn(laptop, memberEmail, PASSWORD);
  await laptop.getByLabel("Authentication code").fill(totp.generate());
  await laptop.getByRole("button", { name: "Verify" }).click();
  await expect(laptop.getByTestId("org-switcher")).toContainText("Tess Secure Co");

  await member.goto("/settings/account");
  const devices = member.getByTestId("device");
  await expect(devices).toHaveCount(2);
  await expect(devices.first()).toContainText("This device");
  await expect(devices.first()).toContainText(/Chrome \d+ on Linux/);
  await shoot(member, "devices");
  await devices
    .nth(1)
    .getByRole("button", { name: /^Sign out / })
    .click();
  await expect(member.getByRole("status")).toContainText("Signed out that device.");
  await expect(devices).toHaveCount(1);
  await laptop.reload();
  await expect(laptop).toHaveURL(/\/login/);
});
