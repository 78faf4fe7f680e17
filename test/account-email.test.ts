/**
 * Email verification and password reset through the console's pages (check-email, verify-email,
 * forgot-password, reset-password), with the dev mailer; then the same mails over SMTP, to a
 * local SMTP stand-in.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { user as userTable } from "../db/schema";
import { getAuth } from "../app/lib/auth.server";
import { resetEnvForTests } from "../app/lib/env.server";
import { devMailLink, recentMail } from "../app/lib/mailer.server";
import { getSessionUser } from "../app/lib/permissions.server";
import * as appLayout from "../app/routes/_app";
import * as checkEmailPage from "../app/routes/_auth.check-email";
import * as forgotPasswordPage from "../app/routes/_auth.forgot-password";
import * as resetPasswordPage from "../app/routes/_auth.reset-password";
import * as signupPage from "../app/routes/_auth.signup";
import * as verifyEmailPage from "../app/routes/_auth.verify-email";
import { linkIn, startSmtpStandIn, type SmtpStandIn } from "./stand-ins/smtp";
import { createTestDatabase, type TestDatabase } from "./database";
import { cookieFrom, createOrg, mailedLink, PASSWORD, requestFor, signUp, type TestUser } from "./users";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.destroy();
});

const ORIGIN = "http://localhost:3000";

function post(path: string, form: Record<string, string>, cookie?: string) {
  const headers: Record<string, string> = { origin: ORIGIN };
  if (cookie) headers.cookie = cookie;
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: new URLSearchParams(form) });
}

async function answer(action: (args: ActionFunctionArgs) => Promise<unknown>, request: Request) {
  const result = (await action({ request, params: {}, context: {} } as ActionFunctionArgs)) as { data: unknown };
  return result.data as { ok: boolean; message?: string; formError?: string; fieldErrors?: Record<string, string>; data?: Record<string, unknown> };
}

async function load<T>(loader: (args: LoaderFunctionArgs) => Promise<T>, request: Request) {
  return loader({ request, params: {}, context: {} } as LoaderFunctionArgs);
}

async function thrownResponse(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

const isVerified = async (id: string) => (await database.db.select({ v: userTable.emailVerified }).from(userTable).where(eq(userTable.id, id)))[0]!.v;

describe("email verification", () => {
  it("signs up into 'check your email', mails a link that verifies the address and leads on", async () => {
    const email = `nora-${Date.now()}@example.com`;
    const response = (await signupPage.action({
      request: post("/signup", { name: "Nora", email, password: PASSWORD, redirectTo: "/invite/abc123" }),
      params: {},
      context: {},
    } as ActionFunctionArgs)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/check-email?next=${encodeURIComponent("/invite/abc123")}`);
    const cookie = cookieFrom(response.headers);

    const page = await load(checkEmailPage.loader, new Request(`${ORIGIN}/check-email?next=/invite/abc123`, { headers: { cookie } }));
    expect(page).toMatchObject({ email, verified: false, next: "/invite/abc123", devLink: null });

    // The banner shows on every console page until then.
    const shell = await load(appLayout.loader, new Request(`${ORIGIN}/`, { headers: { cookie } })).catch((e: unknown) => e);
    // A new account has no organization yet: the layout sends it to onboarding.
    expect((shell as Response).headers.get("location")).toBe("/onboarding");

    const link = new URL(mailedLink(email, "/verify-email"));
    expect(link.origin).toBe(ORIGIN);
    expect(link.searchParams.get("next")).toBe("/invite/abc123");
    const landing = await load(verifyEmailPage.loader, new Request(link));
    expect(landing).toMatchObject({ state: "verified", email, next: "/invite/abc123" });
    expect((await getSessionUser(new Request(ORIGIN, { headers: { cookie } })))?.user.emailVerified).toBe(true);
    expect(await load(checkEmailPage.loader, new Request(`${ORIGIN}/check-email`, { headers: { cookie } }))).toMatchObject({ verified: true, next: "/" });
  });

  it("explains a link that is broken or forged", async () => {
    expect(await load(verifyEmailPage.loader, new Request(`${ORIGIN}/verify-email?token=not-a-token`))).toMatchObject({
      state: "invalid",
      message: expect.stringMatching(/expired or was already used/),
    });
    const noToken = await thrownResponse(load(verifyEmailPage.loader, new Request(`${ORIGIN}/verify-email`)));
    expect(noToken.headers.get("location")).toBe("/check-email");
  });

  it("resends the link to the signed-in user, and shows the console banner until verified", async () => {
    const user = await signUp("resend");
    await createOrg(user, "Banner Org");
    const before = recentMail().filter((m) => m.to === user.email).length;
    const resent = await answer(checkEmailPage.action, post("/check-email", { intent: "resend", next: "/settings/team" }, user.cookie));
    expect(resent).toMatchObject({ ok: true, message: `We sent a new link to ${user.email}.` });
    expect(recentMail().filter((m) => m.to === user.email).length).toBe(before + 1);
    expect(new URL(mailedLink(user.email, "/verify-email")).searchParams.get("next")).toBe("/settings/team");

    expect(await load(appLayout.loader, requestFor(user, "/"))).toMatchObject({ emailVerified: false });
    await load(verifyEmailPage.loader, new Request(mailedLink(user.email, "/verify-email")));
    expect(await load(appLayout.loader, requestFor(user, "/"))).toMatchObject({ emailVerified: true });

    // Verified already: said plainly, no mail.
    const again = await answer(checkEmailPage.action, post("/check-email", { intent: "resend" }, user.cookie));
    expect(again).toMatchObject({ ok: false, formError: "Your email address is already verified." });
  });

  it("needs a signed-in user to resend", async () => {
    const response = await thrownResponse(
      checkEmailPage.action({ request: post("/check-email", { intent: "resend" }), params: {}, context: {} } as ActionFunctionArgs),
    );
    expect(response.headers.get("location")).toMatch(/^\/login/);
  });

  it("counts the demo user as verified", async () => {
    const { ensureDemoOrganization, DEMO_USER } = await import("../app/demo/demo.server");
    const demo = await ensureDemoOrganization(database.db);
    expect(await isVerified(demo.userId)).toBe(true);
    expect(DEMO_USER.email).toBe("demo@ramp.test");
  });
});

describe("password reset", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUp("forgetful");
  });

  it("answers the same for an unknown address, and mails nothing", async () => {
    const before = recentMail().length;
    const unknown = await answer(forgotPasswordPage.action, post("/forgot-password", { intent: "request", email: "nobody-here@example.com" }));
    expect(unknown).toMatchObject({ ok: true, data: { email: "nobody-here@example.com", devLink: null } });
    expect(recentMail().length).toBe(before);
    const bad = await answer(forgotPasswordPage.action, post("/forgot-password", { intent: "request", email: "nope" }));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { email: "Enter the email address you signed up with." } });
  });

  it("mails a reset link; the new password works, the old one and every session do not, and the address counts as verified", async () => {
    const requested = await answer(forgotPasswordPage.action, post("/forgot-password", { intent: "request", email: user.email.toUpperCase() }));
    expect(requested).toMatchObject({ ok: true, data: { email: user.email } });
    const link = new URL(mailedLink(user.email, "/reset-password"));
    // Our page, token in the query string (access logs keep the path only).
    expect(link.pathname).toBe("/reset-password");
    const token = link.searchParams.get("token")!;
    expect(token.length).toBeGreaterThan(10);
    expect(await load(resetPasswordPage.loader, new Request(link))).toEqual({ token });

    const mismatch = await answer(
      resetPasswordPage.action,
      post("/reset-password", { intent: "reset", token, newPassword: "a-new-password-1", confirmPassword: "other" }),
    );
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirmPassword: "The two passwords differ." } });

    const done = await thrownResponse(
      resetPasswordPage.action({
        request: post("/reset-password", { intent: "reset", token, newPassword: "a-new-password-1", confirmPassword: "a-new-password-1" }),
        params: {},
        context: {},
      } as ActionFunctionArgs),
    );
    expect(done.headers.get("location")).toBe("/login?reset=1");

    expect(await getSessionUser(requestFor(user))).toBeNull();
    const auth = await getAuth();
    await expect(auth.api.signInEmail({ body: { email: user.email, password: PASSWORD } })).rejects.toThrow();
    const signedIn = await auth.api.signInEmail({ body: { email: user.email, password: "a-new-password-1" } });
    expect(signedIn.user.id).toBe(user.id);
    expect(await isVerified(user.id)).toBe(true);

    // The link works once.
    const reused = await answer(
      resetPasswordPage.action,
      post("/reset-password", { intent: "reset", token, newPassword: "another-password-2", confirmPassword: "another-password-2" }),
    );
    expect(reused).toMatchObject({ ok: false, formError: "This reset link has expired or was already used. Ask for a new one." });
  });
});

describe("the dev mailer's link on screen", () => {
  it("shows only in development, never in production or with a mail server", async () => {
    const email = `dev-${Date.now()}@example.com`;
    const saved = { NODE_ENV: process.env.NODE_ENV, SMTP_URL: process.env.SMTP_URL };
    try {
      await signUp("dev", email);
      process.env.NODE_ENV = "development";
      resetEnvForTests();
      expect(devMailLink(email, "/verify-email")).toMatch(/^http:\/\/localhost:3000\/verify-email\?token=/);
      expect(devMailLink("someone-else@example.com", "/verify-email")).toBeNull();
      process.env.SMTP_URL = "smtp://127.0.0.1:2525";
      resetEnvForTests();
      expect(devMailLink(email, "/verify-email")).toBeNull();
      delete process.env.SMTP_URL;
      process.env.NODE_ENV = "production";
      resetEnvForTests();
      expect(devMailLink(email, "/verify-email")).toBeNull();
    } finally {
      process.env.NODE_ENV = saved.NODE_ENV;
      if (saved.SMTP_URL === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = saved.SMTP_URL;
      resetEnvForTests();
    }
  });
});

describe("over SMTP", () => {
  let smtp: SmtpStandIn;
  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "Ramp <no-reply@ramp.example>";
    resetEnvForTests();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    resetEnvForTests();
    await smtp?.close();
  });

  it("delivers the verification and reset mails with their links, from MAIL_FROM, and keeps no copy in memory", async () => {
    const before = recentMail().length;
    const user = await signUp("smtp");
    const verification = await smtp.waitFor(user.email, (m) => m.subject === "Verify your email for Ramp");
    expect(verification.from).toBe("no-reply@ramp.example");
    expect(verification.raw).toMatch(/^From: Ramp <no-reply@ramp\.example>/m);
    const verifyLink = linkIn(verification, "/verify-email");
    expect(await load(verifyEmailPage.loader, new Request(verifyLink))).toMatchObject({ state: "verified", email: user.email });

    await answer(forgotPasswordPage.action, post("/forgot-password", { intent: "request", email: user.email }));
    const reset = await smtp.waitFor(user.email, (m) => m.subject === "Reset your Ramp password");
    const resetLink = new URL(linkIn(reset, "/reset-password"));
    expect(resetLink.searchParams.get("token")).toBeTruthy();
    expect(recentMail().length).toBe(before);
  });

  it("does not fail the sign-up when the mail server is down", async () => {
    await smtp.close();
    const user = await signUp("smtp-down");
    expect(user.id).toBeTruthy();
  });
});
