/**
 * Two-factor sign-in (issue 18, point 3) through the console's own routes: set-up with the
 * password and a first code, the second step of a sign-in with a TOTP or a backup code, new
 * backup codes and turning it off with the password; an organization's "require two-factor"
 * sending members without it to set-up from every guard (loaders and actions); the audit log.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, user as userTable } from "../db/schema";
import { CLIENT_IP_HEADER } from "../app/lib/auth.server";
import { getSessionUser, requireOrganization, requireProject } from "../app/lib/permissions.server";
import { createProject } from "../app/projects/projects.server";
import * as appLayout from "../app/routes/_app";
import * as authRoute from "../app/routes/api.auth.$";
import * as accountPage from "../app/routes/_app.settings.account";
import * as organizationPage from "../app/routes/_app.settings.organization";
import * as teamPage from "../app/routes/_app.settings.team/route";
import * as loginPage from "../app/routes/_auth.login";
import * as secondStep from "../app/routes/_auth.login_.two-factor.($method)";
import * as setupPage from "../app/routes/_auth.two-factor.setup";
import { createTestDatabase, type TestDatabase } from "./database";
import { addMember, createOrg, PASSWORD, signUp, thrown, type TestUser } from "./users";

let database: TestDatabase;
let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let organizationId: string;
let projectId: string;

const ORIGIN = "http://localhost:3000";

type Answer = { ok: boolean; intent: string; formError?: string; fieldErrors?: Record<string, string>; data?: unknown };

function formRequest(cookie: string, path: string, form: Record<string, string>) {
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { cookie, origin: ORIGIN, [CLIENT_IP_HEADER]: "198.51.100.20", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36" },
    body: new URLSearchParams(form),
  });
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as ActionFunctionArgs & LoaderFunctionArgs;

/** Cookies of a response applied to a cookie header (set, replaced, or expired). */
function applyCookies(cookie: string, response: { headers: Headers }): string {
  const jar = new Map(
    cookie
      .split(/;\s*/)
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] as const),
  );
  for (const set of response.headers.getSetCookie()) {
    const [pair, ...attributes] = set.split(";");
    const name = pair!.slice(0, pair!.indexOf("="));
    const value = pair!.slice(pair!.indexOf("=") + 1);
    if (!value || attributes.some((a) => /max-age=0\b/i.test(a.trim()))) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

async function act(action: (a: ActionFunctionArgs) => Promise<unknown>, who: { cookie: string }, path: string, form: Record<string, string>) {
  const result = (await action(args(formRequest(who.cookie, path, form)))) as { data: Answer; init: { headers?: HeadersInit } | null };
  return { answer: result.data as Answer, headers: new Headers(result.init?.headers) };
}

/** Sets up two-factor through the set-up page; answers the TOTP generator and the backup codes. */
async function setUpTwoFactor(who: TestUser) {
  const started = await act(setupPage.action, who, "/two-factor/setup", { intent: "start", password: PASSWORD });
  expect(started.answer).toMatchObject({ ok: true, intent: "start" });
  const { qrCode, secret } = started.answer.data as { qrCode: string; secret: string };
  expect(qrCode).toMatch(/^data:image\/png;base64,/);
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s/g, "")), digits: 6, period: 30 });
  const confirmed = await act(setupPage.action, who, "/two-factor/setup", { intent: "confirm", code: totp.generate() });
  expect(confirmed.answer).toMatchObject({ ok: true, intent: "confirm" });
  // better-auth renewed the session: the browser gets the new cookie.
  who.cookie = applyCookies(who.cookie, confirmed);
  who.headers = new Headers({ cookie: who.cookie });
  return { totp, backupCodes: (confirmed.answer.data as { backupCodes: string[] }).backupCodes };
}

/** The password step of /login: answers the redirect and the browser's cookies after it. */
async function passwordStep(who: TestUser, redirectTo = "/settings/account") {
  const response = (await loginPage.action(args(formRequest("", "/login", { email: who.email, password: PASSWORD, redirectTo })))) as Response;
  expect(response.status).toBe(302);
  return { location: response.headers.get("location"), cookie: applyCookies("", response) };
}

async function secondFactor(cookie: string, method: "totp" | "backup", code: string, redirectTo = "/settings/account") {
  const params: Record<string, string> = method === "backup" ? { method: "backup" } : {};
  const path = method === "backup" ? "/login/two-factor/backup" : "/login/two-factor";
  return (await secondStep.action(args(formRequest(cookie, path, { code, redirectTo }), params))) as
    Response | { fieldErrors: Record<string, string>; formError: string | null };
}

async function auditActions(userId: string) {
  const rows = await database.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.actorUserId, userId)));
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  database = await createTestDatabase();
  owner = await signUp("owner");
  admin = await signUp("admin");
  member = await signUp("member");
  organizationId = (await createOrg(owner, "Two Factor Org")).id;
  await addMember(organizationId, admin, "admin");
  await addMember(organizationId, member, "developer");
  const ctx = await requireOrganization(new Request(ORIGIN, { headers: { cookie: owner.cookie } }));
  projectId = (await createProject(ctx, { name: "2FA Project" })).project.id;
});

afterAll(async () => {
  await database?.destroy();
});

describe("set-up", () => {
  it("needs the password, then a right first code; the backup codes come once, after it", async () => {
    const wrongPassword = await act(setupPage.action, admin, "/two-factor/setup", { intent: "start", password: "not-my-password" });
    expect(wrongPassword.answer).toMatchObject({ ok: false, fieldErrors: { password: "The current password is not right." } });

    const started = await act(setupPage.action, admin, "/two-factor/setup", { intent: "start", password: PASSWORD });
    const { secret } = started.answer.data as { secret: string };
    expect(secret.replace(/\s/g, "")).toMatch(/^[A-Z2-7]+$/);
    const wrongCode = await act(setupPage.action, admin, "/two-factor/setup", { intent: "confirm", code: "000000" });
    expect(wrongCode.answer).toMatchObject({ ok: false, fieldErrors: { code: expect.stringMatching(/isn't right/) } });
    // Not on until confirmed.
    const [before] = await database.db.select({ on: userTable.twoFactorEnabled }).from(userTable).where(eq(userTable.id, admin.id));
    expect(before!.on).toBe(false);

    const { backupCodes } = await setUpTwoFactor(admin);
    expect(backupCodes).toHaveLength(10);
    const [after] = await database.db.select({ on: userTable.twoFactorEnabled }).from(userTable).where(eq(userTable.id, admin.id));
    expect(after!.on).toBe(true);
    expect(await auditActions(admin.id)).toContain("account.two_factor_enabled");

    // The account page shows it on, with its backup codes counted; the team page shows it per member.
    const account = (await accountPage.loader(args(new Request(`${ORIGIN}/settings/account`, { headers: { cookie: admin.cookie } })))) as {
      twoFactor: { enabled: boolean; backupCodesLeft: number };
    };
    expect(account.twoFactor).toMatchObject({ enabled: true, backupCodesLeft: 10 });
    const team = (await teamPage.loader(args(new Request(`${ORIGIN}/settings/team`, { headers: { cookie: owner.cookie } })))) as {
      members: { userId: string; twoFactorEnabled: boolean }[];
    };
    expect(team.members.find((m) => m.userId === admin.id)?.twoFactorEnabled).toBe(true);
    expect(team.members.find((m) => m.userId === member.id)?.twoFactorEnabled).toBe(false);
  });
});

describe("sign-in with two-factor on", () => {
  let totp: OTPAuth.TOTP;
  let backupCodes: string[];
  let user: TestUser;

  beforeAll(async () => {
    user = await signUp("signer");
    await addMember(organizationId, user, "support");
    ({ totp, backupCodes } = await setUpTwoFactor(user));
  });

  it("asks for the code after the password; a wrong one is refused, the right one signs in", async () => {
    const step = await passwordStep(user);
    expect(step.location).toBe("/login/two-factor?redirectTo=%2Fsettings%2Faccount");
    // No session yet: only the challenge.
    expect(await getSessionUser(new Request(ORIGIN, { headers: { cookie: step.cookie } }))).toBeNull();
    const loaded = await thrown(secondStep.loader(args(new Request(`${ORIGIN}/login/two-factor`), {})));
    expect((loaded as Response).headers.get("location")).toMatch(/^\/login\?/);
    expect(await secondStep.loader(args(new Request(`${ORIGIN}/login/two-factor`, { headers: { cookie: step.cookie } }), {}))).toBeNull();

    const wrong = await secondFactor(step.cookie, "totp", "000000");
    expect(wrong).toMatchObject({ fieldErrors: { code: expect.stringMatching(/isn't right/) } });

    const right = (await secondFactor(step.cookie, "totp", totp.generate())) as Response;
    expect(right.status).toBe(302);
    expect(right.headers.get("location")).toBe("/settings/account");
    const signedIn = await getSessionUser(new Request(ORIGIN, { headers: { cookie: applyCookies(step.cookie, right) } }));
    expect(signedIn?.user.id).toBe(user.id);
  });

  it("answers nonsense in the code field beside the field", async () => {
    const step = await passwordStep(user);
    expect(await secondFactor(step.cookie, "totp", "9".repeat(500))).toMatchObject({ fieldErrors: { code: expect.any(String) } });
    expect(await secondFactor(step.cookie, "backup", "   ")).toMatchObject({ fieldErrors: { code: "Enter the code." } });
  });

  it("takes a backup code instead, once", async () => {
    const first = await passwordStep(user);
    const used = (await secondFactor(first.cookie, "backup", backupCodes[0]!)) as Response;
    expect(used.status).toBe(302);
    expect((await getSessionUser(new Request(ORIGIN, { headers: { cookie: applyCookies(first.cookie, used) } })))?.user.id).toBe(user.id);
    expect(await auditActions(user.id)).toContain("account.backup_code_used");

    const again = await passwordStep(user);
    expect(await secondFactor(again.cookie, "backup", backupCodes[0]!)).toMatchObject({ fieldErrors: { code: expect.stringMatching(/used already/) } });
  });

  it("gives new backup codes and turns off with the password only", async () => {
    const wrong = await act(accountPage.action, user, "/settings/account", { intent: "regenerate-backup-codes", password: "nope-nope-nope" });
    expect(wrong.answer).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    const fresh = await act(accountPage.action, user, "/settings/account", { intent: "regenerate-backup-codes", password: PASSWORD });
    const newCodes = (fresh.answer.data as { backupCodes: string[] }).backupCodes;
    expect(newCodes).toHaveLength(10);
    // The old codes are gone.
    const step = await passwordStep(user);
    expect(await secondFactor(step.cookie, "backup", backupCodes[1]!)).toMatchObject({ fieldErrors: { code: expect.any(String) } });
    expect(((await secondFactor(step.cookie, "backup", newCodes[0]!)) as Response).status).toBe(302);

    const refused = await act(accountPage.action, user, "/settings/account", { intent: "disable-two-factor", password: "nope-nope-nope" });
    expect(refused.answer.ok).toBe(false);
    const off = await act(accountPage.action, user, "/settings/account", { intent: "disable-two-factor", password: PASSWORD });
    expect(off.answer).toMatchObject({ ok: true });
    user.cookie = applyCookies(user.cookie, off);
    // Signing in asks for the password only again.
    expect((await passwordStep(user)).location).toBe("/settings/account");
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(["account.backup_codes_regenerated", "account.two_factor_disabled"]));
  });
});

describe("require two-factor for every member", () => {
  const get = (who: TestUser, path: string) => new Request(`${ORIGIN}${path}`, { headers: { cookie: who.cookie } });

  it("is the owners' switch, and needs the owner's own two-factor first", async () => {
    const adminTry = await thrown(
      organizationPage.action(args(formRequest(admin.cookie, "/settings/organization", { intent: "two-factor-requirement", required: "on" }))),
    );
    expect((adminTry as { init: { status: number } }).init.status).toBe(403);

    const tooEarly = await act(organizationPage.action, owner, "/settings/organization", { intent: "two-factor-requirement", required: "on" });
    expect(tooEarly.answer).toMatchObject({ ok: false, formError: expect.stringMatching(/your own account first/) });

    await setUpTwoFactor(owner);
    const on = await act(organizationPage.action, owner, "/settings/organization", { intent: "two-factor-requirement", required: "on" });
    expect(on.answer).toMatchObject({ ok: true });
    const page = (await organizationPage.loader(args(get(owner, "/settings/organization")))) as { requireTwoFactor: boolean };
    expect(page.requireTwoFactor).toBe(true);
    expect(await auditActions(owner.id)).toContain("organization.two_factor_required");
  });

  it("sends a member without two-factor to set-up from every guard, loaders and actions alike", async () => {
    const setupRedirect = async (promise: Promise<unknown>) => {
      const error = await thrown(promise);
      expect(error).toBeInstanceOf(Response);
      return (error as Response).headers.get("location");
    };
    expect(await setupRedirect(appLayout.loader(args(get(member, "/projects"))))).toBe("/two-factor/setup?redirectTo=%2Fprojects");
    expect(await setupRedirect(requireOrganization(get(member, "/settings/team")))).toMatch(/^\/two-factor\/setup\?redirectTo=/);
    expect(await setupRedirect(requireProject(get(member, `/projects/${projectId}/test`), { projectId, mode: "test" }))).toMatch(/^\/two-factor\/setup/);
    expect(await setupRedirect(accountPage.loader(args(get(member, "/settings/account"))))).toMatch(/^\/two-factor\/setup/);
    expect(await setupRedirect(accountPage.action(args(formRequest(member.cookie, "/settings/account", { intent: "profile", name: "x" }))))).toMatch(
      /^\/two-factor\/setup/,
    );
    expect(
      await setupRedirect(teamPage.action(args(formRequest(member.cookie, "/settings/team", { intent: "invite", email: "a@example.com", role: "support" })))),
    ).toMatch(/^\/two-factor\/setup/);
    // Set-up itself stays open, and says why.
    const setup = (await setupPage.loader(args(get(member, "/two-factor/setup?redirectTo=%2Fprojects")))) as { requiredBy: string[]; continueTo: string };
    expect(setup).toMatchObject({ requiredBy: ["Two Factor Org"], continueTo: "/projects" });

    await setUpTwoFactor(member);
    expect((await requireOrganization(get(member, "/settings/team"))).user.id).toBe(member.id);
    // While it is required, the member cannot turn theirs off.
    const off = await act(accountPage.action, member, "/settings/account", { intent: "disable-two-factor", password: PASSWORD });
    expect(off.answer).toMatchObject({ ok: false, formError: expect.stringMatching(/requires two-factor/) });
  });

  it("stops when the owner turns it off", async () => {
    const outsider = await signUp("latecomer");
    await addMember(organizationId, outsider, "support");
    await expect(thrown(requireOrganization(get(outsider, "/")))).resolves.toBeInstanceOf(Response);
    const off = await act(organizationPage.action, owner, "/settings/organization", { intent: "two-factor-requirement" });
    expect(off.answer).toMatchObject({ ok: true });
    expect((await requireOrganization(get(outsider, "/"))).user.id).toBe(outsider.id);
  });
});

describe("better-auth's own two-factor endpoints", () => {
  it("are not served to browsers: turning it off goes through the account page's checks", async () => {
    const someone = await signUp("direct");
    await setUpTwoFactor(someone);
    for (const path of ["/api/auth/two-factor/disable", "/api/auth//two-factor/disable", "/api/auth/%74wo-factor/disable", "/api/auth/Two-Factor/disable"]) {
      const request = new Request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: { cookie: someone.cookie, origin: ORIGIN, "content-type": "application/json" },
        body: JSON.stringify({ password: PASSWORD }),
      });
      expect((await authRoute.action(args(request))).status).toBe(404);
    }
    const [row] = await database.db.select({ on: userTable.twoFactorEnabled }).from(userTable).where(eq(userTable.id, someone.id));
    expect(row!.on).toBe(true);
  });
});
