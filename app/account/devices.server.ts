/**
 * The signed-in person's devices: their live sessions, with the browser and system read from the
 * user agent, the address and when each was last active; signing one or all others out.
 * Session tokens never leave the server: the page names a session by its id.
 */
import { and, desc, eq, gt } from "drizzle-orm";
import { session } from "~db/schema";
import { getAuth } from "~/lib/auth.server";
import { DomainError } from "~/lib/domain-error";
import { authCall } from "~/orgs/auth-call.server";
import { recordAccountAudit } from "./account-audit.server";
import type { AccountContext } from "./two-factor.server";

export interface Device {
  id: string;
  browser: string;
  os: string;
  ipAddress: string | null;
  /** better-auth refreshes a session at most daily (session.updateAge), so this is to the day. */
  lastActiveAt: Date;
  signedInAt: Date;
  current: boolean;
}

export async function listDevices(ctx: AccountContext, currentSessionId: string): Promise<Device[]> {
  const rows = await ctx.db
    .select({ id: session.id, userAgent: session.userAgent, ipAddress: session.ipAddress, createdAt: session.createdAt, updatedAt: session.updatedAt })
    .from(session)
    .where(and(eq(session.userId, ctx.user.id), gt(session.expiresAt, new Date())))
    .orderBy(desc(session.updatedAt), desc(session.id));
  const devices = rows.map((row) => ({
    id: row.id,
    ...describeUserAgent(row.userAgent),
    ipAddress: row.ipAddress,
    lastActiveAt: row.updatedAt,
    signedInAt: row.createdAt,
    current: row.id === currentSessionId,
  }));
  // This device first.
  return devices.sort((a, b) => Number(b.current) - Number(a.current));
}

/** Signs one of the user's other sessions out. Another person's session id is simply not found. */
export async function signOutDevice(ctx: AccountContext, headers: Headers, currentSessionId: string, sessionId: string) {
  if (sessionId === currentSessionId) throw new DomainError("INVALID_STATE", "That is this device: use Sign out in the menu instead.");
  const [row] = await ctx.db
    .select({ token: session.token, userAgent: session.userAgent, ipAddress: session.ipAddress })
    .from(session)
    .where(and(eq(session.id, sessionId), eq(session.userId, ctx.user.id)));
  if (!row) throw new DomainError("NOT_FOUND", "That device is already signed out.");
  const auth = await getAuth();
  await authCall(() => auth.api.revokeSession({ body: { token: row.token }, headers }));
  const { browser, os } = describeUserAgent(row.userAgent);
  await recordAccountAudit(ctx.db, ctx.actor, "account.session_revoked", { device: `${browser} on ${os}`, ipAddress: row.ipAddress });
}

export async function signOutOtherDevices(ctx: AccountContext, headers: Headers, currentSessionId: string) {
  const others = (await listDevices(ctx, currentSessionId)).filter((d) => !d.current).length;
  const auth = await getAuth();
  await authCall(() => auth.api.revokeOtherSessions({ headers }));
  await recordAccountAudit(ctx.db, ctx.actor, "account.other_sessions_revoked", { count: others });
  return others;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\/([\d]+)/, "Edge"],
  [/OPR\/([\d]+)/, "Opera"],
  [/SamsungBrowser\/([\d]+)/, "Samsung Internet"],
  [/Firefox\/([\d]+)|FxiOS\/([\d]+)/, "Firefox"],
  [/Chrome\/([\d]+)|CriOS\/([\d]+)|Chromium\/([\d]+)/, "Chrome"],
  [/Version\/([\d]+).*Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

/**
 * Browser and system from a user agent, for people to recognise their devices (not for any
 * decision). A small table instead of a library: the console needs only the common names.
 */
export function describeUserAgent(userAgent: string | null | undefined): { browser: string; os: string } {
  const ua = userAgent ?? "";
  const browserMatch = BROWSERS.find(([pattern]) => pattern.test(ua));
  let browser = "Unknown browser";
  if (browserMatch) {
    const version = ua
      .match(browserMatch[0])
      ?.slice(1)
      .find((v) => v && /^\d+$/.test(v));
    browser = version ? `${browserMatch[1]} ${version}` : browserMatch[1];
  } else if (ua) {
    browser = ua.split(/[\s/]/)[0]!.slice(0, 40) || browser;
  }
  const os = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? "Unknown system";
  return { browser, os };
}
