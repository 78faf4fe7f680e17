/**
 * The team page's actions through the console's action protocol: invite, change a role,
 * remove, cancel an invitation; only owners manage owners; a refusal reads as a form error.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditLog } from "../app/audit/audit.server";
import { listMemberships } from "../app/lib/permissions.server";
import { recentMail } from "../app/lib/mailer.server";
import { listMembers, listPendingInvitations } from "../app/orgs/orgs.server";
import { action as accountAction } from "../app/routes/_app.settings.account";
import { action as teamAction } from "../app/routes/_app.settings.team/route";
import { createTestDatabase, type TestDatabase } from "./database";
import { addMember, createOrg, signUp, thrownStatus, type TestUser } from "./users";

let database: TestDatabase;
let owner: TestUser;
let admin: TestUser;
let organizationId: string;

type Answer = { ok: boolean; intent: string; formError?: string; fieldErrors?: Record<string, string>; data?: { link: string; email: string } };

function post(who: TestUser, form: Record<string, string>, path = "/settings/team") {
  const request = new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { cookie: who.cookie, origin: "http://localhost:3000" },
    body: new URLSearchParams(form),
  });
  const action = path === "/settings/team" ? teamAction : accountAction;
  return action({ request, params: {}, context: {} } as ActionFunctionArgs);
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

const roleOf = async (orgId: string, user: TestUser) => (await listMembers(database.db, orgId)).find((m) => m.userId === user.id)?.role;
const auditActions = async (orgId: string) => (await listAuditLog(database.db, orgId, { area: "member", limit: 100 })).rows.map((r) => r.action);
async function answerAt(who: TestUser, path: string, form: Record<string, string>): Promise<Answer> {
  return (await post(who, form, path)).data as Answer;
}

describe("resending an invitation", () => {
  it("mails it again with a fresh expiry, audited", async () => {
    const email = `resend-${Date.now()}@example.com`;
    await answer(admin, { intent: "invite", email, role: "developer" });
    const [pending] = (await listPendingInvitations(database.db, organizationId)).filter((i) => i.email === email);
    const mailsBefore = recentMail().filter((m) => m.to === email).length;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const resent = await answer(admin, { intent: "resend-invitation", invitationId: pending!.id });
    expect(resent).toMatchObject({ ok: true, data: { email, link: pending!.link } });
    expect(recentMail().filter((m) => m.to === email).length).toBe(mailsBefore + 1);
    const [after] = (await listPendingInvitations(database.db, organizationId)).filter((i) => i.email === email);
    expect(after!.expiresAt.getTime()).toBeGreaterThan(pending!.expiresAt.getTime());
    expect(await auditActions(organizationId)).toContain("member.invitation_resent");
  });

  it("says so when the invitation is gone, and finds none of another organization", async () => {
    const email = `gone-${Date.now()}@example.com`;
    await answer(admin, { intent: "invite", email, role: "support" });
    const [pending] = (await listPendingInvitations(database.db, organizationId)).filter((i) => i.email === email);
    await answer(admin, { intent: "cancel-invitation", invitationId: pending!.id });
    expect(await answer(admin, { intent: "resend-invitation", invitationId: pending!.id })).toMatchObject({
      ok: false,
      formError: "That invitation was accepted or cancelled meanwhile.",
    });
    const stranger = await signUp("stranger");
    const otherOrg = (await createOrg(stranger, "Other Org")).id;
    const strangerCtxInvite = await answer(stranger, { intent: "invite", email: `theirs-${Date.now()}@example.com`, role: "support" });
    const [theirs] = await listPendingInvitations(database.db, otherOrg);
    expect(strangerCtxInvite.ok).toBe(true);
    expect(await answer(admin, { intent: "resend-invitation", invitationId: theirs!.id })).toMatchObject({ ok: false });
  });
});

describe("transferring ownership and leaving", () => {
  let org: string;
  let first: TestUser;
  let second: TestUser;
  let dev: TestUser;
  const mid = async (user: TestUser) => (await listMembers(database.db, org)).find((m) => m.userId === user.id)!.id;

  beforeAll(async () => {
    first = await signUp("first-owner");
    second = await signUp("second");
    dev = await signUp("dev2");
    org = (await createOrg(first, "Handover Org")).id;
    await addMember(org, second, "admin");
    await addMember(org, dev, "developer");
  });

  it("the only owner can neither leave, nor be demoted, nor removed: a clear message each time", async () => {
    expect(await answerAt(first, "/settings/account", { intent: "leave", organizationId: org })).toMatchObject({
      ok: false,
      formError: "You are the only owner of Handover Org. Transfer ownership to another member first (Team page), or delete the organization.",
    });
    const onlyOwner = `${first.email} is the only owner. Make another member owner first (Transfer ownership).`;
    expect(await answer(first, { intent: "change-role", memberId: await mid(first), role: "admin" })).toMatchObject({ ok: false, formError: onlyOwner });
    expect(await answer(first, { intent: "remove", memberId: await mid(first) })).toMatchObject({ ok: false, formError: onlyOwner });
    expect(await roleOf(org, first)).toBe("owner");
  });

  it("only an owner transfers, and only to another member", async () => {
    expect(await thrownStatus(post(second, { intent: "transfer-ownership", memberId: await mid(dev) }))).toBe(403);
    expect(await answer(first, { intent: "transfer-ownership", memberId: await mid(first) })).toMatchObject({
      ok: false,
      formError: "You are already an owner: pick another member.",
    });
    expect(await answer(first, { intent: "transfer-ownership", memberId: "mem_gone" })).toMatchObject({
      ok: false,
      formError: "That member is no longer in the organization.",
    });
  });

  it("hands ownership to an admin; the old owner becomes admin; audited", async () => {
    const transferred = await answer(first, { intent: "transfer-ownership", memberId: await mid(second) });
    expect(transferred).toMatchObject({ ok: true, message: `${second.email} is now an owner; you are an admin.` });
    expect(await roleOf(org, second)).toBe("owner");
    expect(await roleOf(org, first)).toBe("admin");
    const [entry] = (await listAuditLog(database.db, org, { area: "member" })).rows.filter((r) => r.action === "member.ownership_transferred");
    expect(entry).toMatchObject({ actorEmail: first.email, targetType: "member", details: { to: second.email } });
    // No longer an owner: cannot transfer back.
    expect(await thrownStatus(post(first, { intent: "transfer-ownership", memberId: await mid(second) }))).toBe(403);
  });

  it("a member leaves; audited; gone from their organizations", async () => {
    expect(await answerAt(dev, "/settings/account", { intent: "leave", organizationId: org })).toMatchObject({ ok: true, message: "You left Handover Org." });
    expect(await roleOf(org, dev)).toBeUndefined();
    expect(await listMemberships(database.db, dev.id)).toEqual([]);
    expect(await auditActions(org)).toContain("member.left");
    // Not a member (any more): nothing to leave.
    expect(await answerAt(dev, "/settings/account", { intent: "leave", organizationId: org })).toMatchObject({
      ok: false,
      formError: "You are not a member of that organization.",
    });
  });

  it("the former owner, now admin, may leave; then the new owner is the only one left and may not", async () => {
    expect(await answerAt(first, "/settings/account", { intent: "leave", organizationId: org })).toMatchObject({ ok: true });
    expect(await answerAt(second, "/settings/account", { intent: "leave", organizationId: org })).toMatchObject({ ok: false });
    expect(await roleOf(org, second)).toBe("owner");
  });
});
