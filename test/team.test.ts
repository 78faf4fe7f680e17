/**
 * The team page's actions through the console's action protocol: invite, change a role,
 * remove, cancel an invitation; only owners manage owners; a refusal reads as a form error.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMembers, listPendingInvitations } from "../app/orgs/orgs.server";
import { action as teamAction } from "../app/routes/_app.settings.team/route";
import { createTestDatabase, type TestDatabase } from "./database";
import { addMember, createOrg, signUp, thrownStatus, type TestUser } from "./users";

let database: TestDatabase;
let owner: TestUser;
let admin: TestUser;
let organizationId: string;

type Answer = { ok: boolean; intent: string; formError?: string; fieldErrors?: Record<string, string>; data?: { link: string; email: string } };

function post(who: TestUser, form: Record<string, string>) {
  const request = new Request("http://localhost:3000/settings/team", {
    method: "POST",
    headers: { cookie: who.cookie, origin: "http://localhost:3000" },
    body: new URLSearchParams(form),
  });
  return teamAction({ request, params: {}, context: {} } as ActionFunctionArgs);
}

async function answer(who: TestUser, form: Record<string, string>): Promise<Answer> {
  return (await post(who, form)).data as Answer;
}

const memberId = async (user: TestUser) => (await listMembers(database.db, organizationId)).find((m) => m.userId === user.id)!.id;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = await signUp("owner");
  admin = await signUp("admin");
  organizationId = (await createOrg(owner, "Team Org")).id;
  await addMember(organizationId, admin, "admin");
});

afterAll(async () => {
  await database?.destroy();
});

describe("team page", () => {
  it("invites, then cancels the invitation", async () => {
    const invited = await answer(admin, { intent: "invite", email: "new-teammate@example.com", role: "support" });
    expect(invited).toMatchObject({ ok: true, intent: "invite", data: { email: "new-teammate@example.com" } });
    expect(invited.data!.link).toMatch(/\/invite\/[A-Za-z0-9]+$/);
    const [pending] = await listPendingInvitations(database.db, organizationId);
    expect(pending?.email).toBe("new-teammate@example.com");

    expect(await answer(admin, { intent: "cancel-invitation", invitationId: pending!.id })).toMatchObject({ ok: true });
    expect(await listPendingInvitations(database.db, organizationId)).toEqual([]);
  });

  it("explains a bad invitation beside its fields", async () => {
    const bad = await answer(admin, { intent: "invite", email: "not-an-email", role: "owner" });
    expect(bad.ok).toBe(false);
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["email", "role"]);
  });

  it("changes a member's role and removes them", async () => {
    const dev = await signUp("dev");
    await addMember(organizationId, dev, "developer");
    const id = await memberId(dev);
    expect(await answer(admin, { intent: "change-role", memberId: id, role: "support" })).toMatchObject({ ok: true });
    expect((await listMembers(database.db, organizationId)).find((m) => m.id === id)?.role).toBe("support");

    expect(await answer(admin, { intent: "remove", memberId: id })).toMatchObject({ ok: true });
    expect((await listMembers(database.db, organizationId)).some((m) => m.id === id)).toBe(false);
    // Gone already: said above the page, not an error page.
    expect(await answer(admin, { intent: "remove", memberId: id })).toMatchObject({ ok: false, formError: "That member is no longer in the organization." });
  });

  it("lets only an owner change or remove an owner, or make one", async () => {
    const ownerId = await memberId(owner);
    expect(await thrownStatus(post(admin, { intent: "remove", memberId: ownerId }))).toBe(403);
    expect(await thrownStatus(post(admin, { intent: "change-role", memberId: ownerId, role: "support" }))).toBe(403);
    expect(await thrownStatus(post(admin, { intent: "change-role", memberId: await memberId(admin), role: "owner" }))).toBe(403);
    expect((await listMembers(database.db, organizationId)).find((m) => m.id === ownerId)?.role).toBe("owner");
  });

  it("asks for a role it knows", async () => {
    const bad = await answer(owner, { intent: "change-role", memberId: await memberId(admin), role: "superuser" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { role: "Pick a role." } });
  });
});
