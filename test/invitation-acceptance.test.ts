/**
 * An invitation joins only the person it was sent to: a signed-in user whose VERIFIED email is
 * the invited address. Holding the link is not enough (it may have leaked): signing up with the
 * invitee's address proves nothing until the address is verified.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireOrganization } from "../app/lib/permissions.server";
import { findPendingInvitation, inviteMember, listMembers } from "../app/orgs/orgs.server";
import * as invitePage from "../app/routes/_auth.invite.$invitationId";
import { createTestDatabase, type TestDatabase } from "./database";
import { createOrg, requestFor, signUp, verifyEmail, type TestUser } from "./users";

let database: TestDatabase;
let owner: TestUser;
let organizationId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = await signUp("owner");
  organizationId = (await createOrg(owner, "Invite Org")).id;
});

afterAll(async () => {
  await database?.destroy();
});

async function invite(email: string) {
  const ctx = await requireOrganization(requestFor(owner), { invitation: ["create"] });
  return (await inviteMember(ctx, owner.headers, { email, role: "developer" })).id;
}

/** Posts "Accept invitation" as `who`: a redirect when it worked, else the page's `{ error }`. */
async function accept(who: TestUser, invitationId: string): Promise<{ error?: string; redirected?: boolean }> {
  const request = new Request(`http://localhost:3000/invite/${invitationId}`, {
    method: "POST",
    headers: { cookie: who.cookie, origin: "http://localhost:3000" },
    body: new URLSearchParams(),
  });
  try {
    return (await invitePage.action({ request, params: { invitationId }, context: {} } as ActionFunctionArgs)) as { error?: string };
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 302) return { redirected: true };
    throw thrown;
  }
}

async function view(who: TestUser | null, invitationId: string) {
  return invitePage.loader({ request: requestFor(who, `/invite/${invitationId}`), params: { invitationId }, context: {} } as LoaderFunctionArgs);
}

const isMember = async (user: TestUser) => (await listMembers(database.db, organizationId)).some((m) => m.userId === user.id);

describe("accepting an invitation", () => {
  it("refuses someone who signed up with the invited address but has not verified it", async () => {
    const email = `victim-${Date.now()}@example.com`;
    const invitationId = await invite(email);
    // Whoever holds the leaked link signs up with the invitee's address…
    const holder = await signUp("holder", email);
    expect(await view(holder, invitationId)).toMatchObject({ state: "pending", signedInAs: email, emailVerified: false });
    const answer = await accept(holder, invitationId);
    expect(answer.error).toMatch(/verify your email/i);
    expect(await isMember(holder)).toBe(false);
    expect((await findPendingInvitation(database.db, invitationId))?.status).toBe("pending");
  });

  it("refuses a verified user signed in under another address, with a clear message", async () => {
    const invitationId = await invite(`someone-${Date.now()}@example.com`);
    const other = await signUp("other");
    await verifyEmail(other);
    const answer = await accept(other, invitationId);
    expect(answer.error).toBe("This invitation was sent to another email address. Sign in with that address to accept it.");
    expect(await isMember(other)).toBe(false);
  });

  it("accepts the invitee once they verified the invited address", async () => {
    const email = `invitee-${Date.now()}@example.com`;
    const invitationId = await invite(email);
    const invitee = await signUp("invitee", email);
    expect((await accept(invitee, invitationId)).error).toBeTruthy();
    await verifyEmail(invitee);
    expect(await view(invitee, invitationId)).toMatchObject({ state: "pending", emailVerified: true });
    expect(await accept(invitee, invitationId)).toEqual({ redirected: true });
    expect(await isMember(invitee)).toBe(true);
    expect((await findPendingInvitation(database.db, invitationId))?.status).toBe("accepted");
  });
});
