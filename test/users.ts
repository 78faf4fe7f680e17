/** Real better-auth users, organizations and requests for integration tests. */
import crypto from "node:crypto";
import { expect } from "vitest";
import { getAuth } from "../app/lib/auth.server";
import { recentMail } from "../app/lib/mailer.server";
import type { Role } from "../app/lib/roles";

export const PASSWORD = "correct-horse-battery-staple";

export interface TestUser {
  id: string;
  email: string;
  /** Cookie header for requests. */
  cookie: string;
  /** Headers for better-auth server calls. */
  headers: Headers;
}

export function cookieFrom(setCookieHeaders: Headers): string {
  const pairs = setCookieHeaders.getSetCookie().map((c) => c.split(";")[0]!.trim());
  expect(pairs.length).toBeGreaterThan(0);
  return pairs.join("; ");
}

export function requestFor(user: TestUser | null, path = "/x"): Request {
  return new Request(`http://localhost:3000${path}`, { headers: user ? { cookie: user.cookie } : {} });
}

export async function signUp(label: string, email = `${label}-${crypto.randomBytes(4).toString("hex")}@example.com`): Promise<TestUser> {
  const auth = await getAuth();
  const { headers, response } = await auth.api.signUpEmail({
    body: { email, password: PASSWORD, name: label },
    returnHeaders: true,
  });
  const cookie = cookieFrom(headers);
  return { id: response.user.id, email, cookie, headers: new Headers({ cookie }) };
}

export async function createOrg(owner: TestUser, name: string) {
  const auth = await getAuth();
  const created = await auth.api.createOrganization({
    body: { name, slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${crypto.randomBytes(3).toString("hex")}` },
    headers: owner.headers,
  });
  expect(created?.id).toBeTruthy();
  return created!;
}

export async function addMember(organizationId: string, user: TestUser, role: Role) {
  const auth = await getAuth();
  await auth.api.addMember({ body: { organizationId, userId: user.id, role } });
}

/** What a guard threw: a Response (redirect) or Remix's `data()` (DataWithResponseInit). */
export async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the guard to throw");
}

export async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  const error = await thrown(promise);
  if (error instanceof Response) return error.status;
  const value = error as { type?: string; init?: { status?: number } | null };
  expect(value?.type).toBe("DataWithResponseInit");
  return value.init?.status ?? 200;
}

/** The link of the newest mail to `email` whose link contains `path` (the dev mailer's outbox). */
export function mailedLink(email: string, path: string): string {
  const mail = [...recentMail()].reverse().find((m) => m.to === email && m.text.includes(path));
  const link = mail?.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(path));
  expect(link, `a mail to ${email} with a ${path} link`).toBeTruthy();
  return link!;
}

/** Verifies the user's address as they would: the token of the verification mail sent at sign-up. */
export async function verifyEmail(user: TestUser) {
  const token = new URL(mailedLink(user.email, "/verify-email")).searchParams.get("token")!;
  const auth = await getAuth();
  await auth.api.verifyEmail({ query: { token } });
}
