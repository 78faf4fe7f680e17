/**
 * Signed-in devices (issue 18, point 6): the account page lists the user's sessions with browser,
 * system, address and "this device"; signs one or all others out; changing the password signs
 * the others out. Audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../db/schema";
import { describeUserAgent } from "../app/account/devices.server";
import { markSessionActive } from "../app/account/session-activity.server";
import { CLIENT_IP_HEADER, getAuth } from "../app/lib/auth.server";
import { getSessionUser } from "../app/lib/permissions.server";
import * as accountPage from "../app/routes/_app.settings.account";
import { createTestDatabase, type TestDatabase } from "./database";
import { cookieFrom, createOrg, PASSWORD, signUp, type TestUser } from "./users";

let database: TestDatabase;
let organizationId: string;
const ORIGIN = "http://localhost:3000";

const FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/** Another browser signing in as the same person: its own session cookie. */
async function signInFrom(who: TestUser, userAgent: string, ip: string): Promise<string> {
  const auth = await getAuth();
  const { headers } = await auth.api.signInEmail({
    body: { email: who.email, password: PASSWORD },
    headers: new Headers({ "user-agent": userAgent, [CLIENT_IP_HEADER]: ip }),
    returnHeaders: true,
  });
  return cookieFrom(headers);
}

const args = (request: Request) => ({ request, params: {}, context: {} }) as ActionFunctionArgs & LoaderFunctionArgs;

type Devices = { id: string; browser: string; os: string; ipAddress: string | null; current: boolean }[];

async function devicesOf(cookie: string): Promise<Devices> {
  const page = (await accountPage.loader(args(new Request(`${ORIGIN}/settings/account`, { headers: { cookie } })))) as { devices: Devices };
  return page.devices;
}

async function post(cookie: string, form: Record<string, string>) {
  const request = new Request(`${ORIGIN}/settings/account`, { method: "POST", headers: { cookie, origin: ORIGIN }, body: new URLSearchParams(form) });
  const result = (await accountPage.action(args(request))) as { data: { ok: boolean; message?: string; formError?: string } };
  return result.data;
}

const signedIn = async (cookie: string) => (await getSessionUser(new Request(ORIGIN, { headers: { cookie } }))) !== null;

async function auditActions(userId: string) {
  const rows = await database.db
    .select({ action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.actorUserId, userId)));
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.destroy();
});

describe("signed-in devices", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUp("traveller");
    organizationId = (await createOrg(user, "Devices Org")).id;
  });

  it("lists this device first, and the others with browser, system and address", async () => {
    await signInFrom(user, FIREFOX_MAC, "203.0.113.9");
    const devices = await devicesOf(user.cookie);
    expect(devices).toHaveLength(2);
    expect(devices[0]!.current).toBe(true);
    expect(devices[1]).toMatchObject({ browser: "Firefox 128", os: "macOS", ipAddress: "203.0.113.9", current: false });
  });

  it("signs one other device out; another person's session or this one is refused", async () => {
    const phone = await signInFrom(user, SAFARI_IPHONE, "198.51.100.4");
    const phoneDevice = (await devicesOf(user.cookie)).find((d) => d.os === "iOS")!;
    expect(phoneDevice.browser).toBe("Safari 17");

    const stranger = await signUp("stranger");
    const strangerDevice = (await devicesOf(stranger.cookie))[0]!;
    expect(await post(user.cookie, { intent: "sign-out-device", sessionId: strangerDevice.id })).toMatchObject({
      ok: false,
      formError: "That device is already signed out.",
    });
    expect(await signedIn(stranger.cookie)).toBe(true);
    const current = (await devicesOf(user.cookie)).find((d) => d.current)!;
    expect(await post(user.cookie, { intent: "sign-out-device", sessionId: current.id })).toMatchObject({ ok: false });

    expect(await post(user.cookie, { intent: "sign-out-device", sessionId: phoneDevice.id })).toMatchObject({ ok: true });
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(user.cookie)).toBe(true);
    expect((await devicesOf(user.cookie)).some((d) => d.id === phoneDevice.id)).toBe(false);
    const audited = (await auditActions(user.id)).find((r) => r.action === "account.session_revoked");
    expect(audited?.details).toMatchObject({ device: "Safari 17 on iOS", ipAddress: "198.51.100.4" });
  });

  it("signs out all other devices", async () => {
    const laptop = await signInFrom(user, FIREFOX_MAC, "203.0.113.10");
    expect((await devicesOf(user.cookie)).length).toBeGreaterThanOrEqual(2);
    expect(await post(user.cookie, { intent: "sign-out-other-devices" })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Signed out \d+ other devices?\.$/),
    });
    expect(await signedIn(laptop)).toBe(false);
    expect(await devicesOf(user.cookie)).toHaveLength(1);
    expect((await auditActions(user.id)).map((r) => r.action)).toContain("account.other_sessions_revoked");
  });

  it("signs the other devices out when the password changes", async () => {
    const other = await signInFrom(user, FIREFOX_MAC, "203.0.113.11");
    const request = new Request(`${ORIGIN}/settings/account`, {
      method: "POST",
      headers: { cookie: user.cookie, origin: ORIGIN },
      body: new URLSearchParams({
        intent: "password",
        currentPassword: PASSWORD,
        newPassword: "another-long-password",
        confirmPassword: "another-long-password",
      }),
    });
    const result = (await accountPage.action(args(request))) as { data: { ok: boolean }; init: { headers: HeadersInit } };
    expect(result.data.ok).toBe(true);
    expect(await signedIn(other)).toBe(false);
    // This browser carries on with the new session cookie it was given.
    expect(await signedIn(cookieFrom(new Headers(result.init.headers)))).toBe(true);
    expect((await auditActions(user.id)).map((r) => r.action)).toContain("account.password_changed");
  });
});

describe("user agents", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", "Edge 126", "Windows"],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36", "Chrome 156", "Linux"],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", "Chrome 126", "Android"],
    [SAFARI_IPHONE, "Safari 17", "iOS"],
    ["curl/8.5.0", "curl", "Unknown system"],
    [null, "Unknown browser", "Unknown system"],
  ])("%s", (ua, browser, os) => {
    expect(describeUserAgent(ua)).toEqual({ browser, os });
  });
});

describe("last active", () => {
  it("is marked by the console's guard at most every five minutes", async () => {
    const { session } = await import("../db/schema");
    const someone = await signUp("active");
    const current = (await getSessionUser(new Request(ORIGIN, { headers: { cookie: someone.cookie } })))!;
    const read = async () => (await database.db.select({ at: session.updatedAt }).from(session).where(eq(session.id, current.sessionId)))[0]!.at;
    const before = await read();
    await markSessionActive(database.db, current.sessionId, before, new Date(before.getTime() + 60_000));
    expect((await read()).getTime()).toBe(before.getTime());
    const later = new Date(before.getTime() + 6 * 60_000);
    await markSessionActive(database.db, current.sessionId, before, later);
    expect((await read()).getTime()).toBe(later.getTime());
  });
});
