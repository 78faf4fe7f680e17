/**
 * The permission module (app/lib/permissions.server.ts) against a real database and
 * real better-auth sessions, plus the invitation flow of app/orgs/orgs.server.ts.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuth } from "../app/lib/auth.server";
import { DomainError } from "../app/lib/domain-error";
import { listMemberships, requireOrganization, requireProject, requireUser, type ConsoleOrgContext } from "../app/lib/permissions.server";
import type { Permission, Role } from "../app/lib/roles";
import { acceptInvitation, findPendingInvitation, inviteMember, listMembers } from "../app/orgs/orgs.server";
import { createProject } from "../app/projects/projects.server";
import { createTestDatabase, type TestDatabase } from "./database";
import { addMember, createOrg, requestFor, signUp, thrown, thrownStatus, verifyEmail, type TestUser } from "./users";

describe("permission guards", () => {
  let database: TestDatabase;
  let owner: TestUser;
  let admin: TestUser;
  let developer: TestUser;
  let support: TestUser;
  let outsider: TestUser;
  let loner: TestUser;
  let orgA: { id: string };
  let orgB: { id: string };
  let projectA: string;
  let projectB: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    owner = await signUp("owner");
    admin = await signUp("admin");
    developer = await signUp("developer");
    support = await signUp("support");
    outsider = await signUp("outsider");
    loner = await signUp("loner");

    orgA = await createOrg(owner, "Org A");
    await addMember(orgA.id, admin, "admin");
    await addMember(orgA.id, developer, "developer");
    await addMember(orgA.id, support, "support");
    orgB = await createOrg(outsider, "Org B");

    const ctxA = await requireOrganization(requestFor(owner));
    expect(ctxA.organizationId).toBe(orgA.id);
    projectA = (await createProject(ctxA, { name: "Project A" })).project.id;
    const ctxB = await requireOrganization(requestFor(outsider));
    expect(ctxB.organizationId).toBe(orgB.id);
    projectB = (await createProject(ctxB, { name: "Project B" })).project.id;
  });

  afterAll(async () => {
    await database?.destroy();
  });

  describe("requireUser", () => {
    it("redirects an anonymous request to /login with where it came from", async () => {
      const error = await thrown(requireUser(requestFor(null, "/x")));
      expect(error).toBeInstanceOf(Response);
      const response = error as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fx");
    });

    it("keeps the query string in redirectTo", async () => {
      const error = (await thrown(requireUser(requestFor(null, "/projects/abc/test?status=failed")))) as Response;
      const location = error.headers.get("Location")!;
      expect(location.startsWith("/login?redirectTo=")).toBe(true);
      expect(new URL(location, "http://localhost").searchParams.get("redirectTo")).toBe("/projects/abc/test?status=failed");
    });

    it("redirects a forged session cookie", async () => {
      const forged = { ...owner, cookie: "better-auth.session_token=not-a-real-token.signature" };
      const error = await thrown(requireUser(requestFor(forged)));
      expect(error).toBeInstanceOf(Response);
      expect((error as Response).headers.get("Location")).toMatch(/^\/login/);
    });

    it("returns the signed-in user", async () => {
      const { user } = await requireUser(requestFor(developer));
      expect(user).toEqual({ id: developer.id, email: developer.email, name: "developer", emailVerified: false });
    });
  });

  describe("requireOrganization", () => {
    it("sends a user with no organization to onboarding", async () => {
      const error = await thrown(requireOrganization(requestFor(loner)));
      expect(error).toBeInstanceOf(Response);
      expect((error as Response).status).toBe(302);
      expect((error as Response).headers.get("Location")).toBe("/onboarding");
    });

    it("gives each member their own role", async () => {
      const expected: [TestUser, Role][] = [
        [owner, "owner"],
        [admin, "admin"],
        [developer, "developer"],
        [support, "support"],
      ];
      for (const [user, role] of expected) {
        const ctx = await requireOrganization(requestFor(user));
        expect(ctx.organizationId).toBe(orgA.id);
        expect(ctx.role).toBe(role);
        expect(ctx.actor.userId).toBe(user.id);
      }
    });

    it("refuses a permission the role lacks with 403", async () => {
      expect(await thrownStatus(requireOrganization(requestFor(support), { invitation: ["create"] }))).toBe(403);
      expect(await thrownStatus(requireOrganization(requestFor(developer), { invitation: ["create"] }))).toBe(403);
      expect(await thrownStatus(requireOrganization(requestFor(admin), { organization: ["delete"] }))).toBe(403);
      await expect(requireOrganization(requestFor(admin), { invitation: ["create"] })).resolves.toMatchObject({ role: "admin" });
      await expect(requireOrganization(requestFor(owner), { organization: ["delete"] })).resolves.toMatchObject({ role: "owner" });
    });
  });

  describe("requireProject", () => {
    const params = (projectId: string, mode = "test") => ({ projectId, mode });

    it("answers 404, never 403, for another organization's project", async () => {
      expect(await thrownStatus(requireProject(requestFor(owner), params(projectB)))).toBe(404);
      expect(await thrownStatus(requireProject(requestFor(support), params(projectB), { data: ["read"] }))).toBe(404);
      expect(await thrownStatus(requireProject(requestFor(outsider), params(projectA), { apiKey: ["create"] }))).toBe(404);
      // A user in no organization at all gets the same answer.
      expect(await thrownStatus(requireProject(requestFor(loner), params(projectA)))).toBe(404);
    });

    it("answers 404 for a well-formed id that does not exist", async () => {
      expect(await thrownStatus(requireProject(requestFor(owner), params(crypto.randomUUID())))).toBe(404);
    });

    it("answers 404 for an invalid mode", async () => {
      expect(await thrownStatus(requireProject(requestFor(owner), params(projectA, "prod")))).toBe(404);
      expect(await thrownStatus(requireProject(requestFor(owner), { projectId: projectA }))).toBe(404);
    });

    it("answers 404 for an id that is not a UUID", async () => {
      expect(await thrownStatus(requireProject(requestFor(owner), params("not-a-uuid")))).toBe(404);
      expect(await thrownStatus(requireProject(requestFor(owner), params(`${projectA}x`)))).toBe(404);
      expect(await thrownStatus(requireProject(requestFor(owner), params("' or 1=1 --")))).toBe(404);
      expect(await thrownStatus(requireProject(requestFor(owner), { mode: "test" }))).toBe(404);
    });

    it("redirects an anonymous request before anything else", async () => {
      const error = await thrown(requireProject(requestFor(null, `/projects/${projectA}/test`), params(projectA)));
      expect(error).toBeInstanceOf(Response);
      expect((error as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    });

    it("support: data yes, keys and secrets never", async () => {
      expect(await thrownStatus(requireProject(requestFor(support), params(projectA), { apiKey: ["read"] }))).toBe(403);
      expect(await thrownStatus(requireProject(requestFor(support), params(projectA), { testSecretKey: ["reveal"] }))).toBe(403);
      const ctx = await requireProject(requestFor(support), params(projectA), { data: ["read"] });
      expect(ctx.projectId).toBe(projectA);
      expect(ctx.role).toBe("support");
      expect(ctx.mode).toBe("test");
      const live = await requireProject(requestFor(support), params(projectA, "live"), { webhook: ["read"] });
      expect(live.mode).toBe("live");
    });

    it("developer: reveals test keys, cannot create keys", async () => {
      const ctx = await requireProject(requestFor(developer), params(projectA), { testSecretKey: ["reveal"] });
      expect(ctx.role).toBe("developer");
      expect(ctx.organizationId).toBe(orgA.id);
      expect(ctx.project.name).toBe("Project A");
      expect(await thrownStatus(requireProject(requestFor(developer), params(projectA), { apiKey: ["create"] }))).toBe(403);
      expect(await thrownStatus(requireProject(requestFor(developer), params(projectA), { webhook: ["manageLive"] }))).toBe(403);
    });

    it("admin and owner: create keys", async () => {
      const permission: Permission = { apiKey: ["create"] };
      await expect(requireProject(requestFor(admin), params(projectA), permission)).resolves.toMatchObject({ role: "admin", projectId: projectA });
      await expect(requireProject(requestFor(owner), params(projectA, "live"), permission)).resolves.toMatchObject({ role: "owner", mode: "live" });
    });

    it("uses the role in the project's own organization, not the active one", async () => {
      // The developer of A is made admin of B; B is not their active organization.
      await addMember(orgB.id, developer, "admin");
      try {
        const inB = await requireProject(requestFor(developer), params(projectB), { apiKey: ["create"] });
        expect(inB.role).toBe("admin");
        expect(inB.organizationId).toBe(orgB.id);
        expect(await thrownStatus(requireProject(requestFor(developer), params(projectA), { apiKey: ["create"] }))).toBe(403);
      } finally {
        const auth = await getAuth();
        await auth.api.removeMember({ body: { memberIdOrEmail: developer.email, organizationId: orgB.id }, headers: outsider.headers });
      }
      expect(await thrownStatus(requireProject(requestFor(developer), params(projectB)))).toBe(404);
    });
  });

  describe("listMemberships", () => {
    it("lists every organization of a user with the role in each", async () => {
      const both = await signUp("both");
      await addMember(orgA.id, both, "support");
      await addMember(orgB.id, both, "developer");
      const memberships = await listMemberships(database.db, both.id);
      expect(memberships.map((m) => [m.organizationId, m.role]).sort()).toEqual(
        [
          [orgA.id, "support"],
          [orgB.id, "developer"],
        ].sort(),
      );
      expect(await listMemberships(database.db, loner.id)).toEqual([]);
      // Each project answers with the role of its own organization.
      expect((await requireProject(requestFor(both), { projectId: projectA, mode: "test" })).role).toBe("support");
      expect((await requireProject(requestFor(both), { projectId: projectB, mode: "test" })).role).toBe("developer");
    });
  });

  describe("invitations", () => {
    let adminCtx: ConsoleOrgContext;
    beforeAll(async () => {
      adminCtx = await requireOrganization(requestFor(admin), { invitation: ["create"] });
    });

    it("an admin invites, the invitee signs up and accepts, and becomes support", async () => {
      const email = `invitee-${crypto.randomBytes(4).toString("hex")}@example.com`;
      const invited = await inviteMember(adminCtx, admin.headers, { email, role: "support" });
      expect(invited.link).toMatch(new RegExp(`/invite/${invited.id}$`));
      expect(invited.link.startsWith("http://localhost:3000/invite/")).toBe(true);

      const pending = await findPendingInvitation(database.db, invited.id);
      expect(pending).toMatchObject({ email, role: "support", status: "pending", organizationId: orgA.id });

      // Someone else cannot accept it.
      const stranger = await signUp("stranger");
      const refused = await acceptInvitation(
        database.db,
        { userId: stranger.id, email: stranger.email, ipAddress: null, userAgent: null },
        stranger.headers,
        invited.id,
      );
      expect(refused.ok).toBe(false);

      const invitee = await signUp("invitee", email);
      await verifyEmail(invitee);
      const accepted = await acceptInvitation(database.db, { userId: invitee.id, email, ipAddress: null, userAgent: null }, invitee.headers, invited.id);
      expect(accepted.ok).toBe(true);

      const members = await listMembers(database.db, orgA.id);
      const joined = members.find((m) => m.userId === invitee.id);
      expect(joined).toMatchObject({ email, role: "support" });
      expect(members.find((m) => m.userId === stranger.id)).toBeUndefined();
      expect((await findPendingInvitation(database.db, invited.id))?.status).toBe("accepted");

      // Accepting twice does not work.
      const again = await acceptInvitation(database.db, { userId: invitee.id, email, ipAddress: null, userAgent: null }, invitee.headers, invited.id);
      expect(again.ok).toBe(false);

      // And the new member is now guarded as support.
      const ctx = await requireProject(requestFor(invitee), { projectId: projectA, mode: "test" }, { data: ["read"] });
      expect(ctx.role).toBe("support");
      expect(await thrownStatus(requireProject(requestFor(invitee), { projectId: projectA, mode: "test" }, { apiKey: ["read"] }))).toBe(403);
    });

    it("a support member cannot invite, even past the console's own guard", async () => {
      const supportCtx = await requireOrganization(requestFor(support));
      const email = `sneaky-${crypto.randomBytes(4).toString("hex")}@example.com`;
      await expect(inviteMember(supportCtx, support.headers, { email, role: "support" })).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
      const members = await listMembers(database.db, orgA.id);
      expect(members.some((m) => m.email === email)).toBe(false);
    });

    it("a developer cannot invite an admin", async () => {
      const devCtx = await requireOrganization(requestFor(developer));
      await expect(inviteMember(devCtx, developer.headers, { email: "x@example.com", role: "admin" })).rejects.toBeInstanceOf(DomainError);
    });
  });
});
