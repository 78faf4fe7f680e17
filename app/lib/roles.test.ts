import { describe, expect, it } from "vitest";
import { isRole, ROLES, roleCan, roles, statements, type Permission, type Role } from "./roles";

/**
 * Every (resource, action) pair of the product: our statements plus better-auth's organization,
 * member and invitation statements. better-auth's `team` (teams are not enabled) and `ac`
 * (dynamic access control, not enabled) are not product permissions and are left out.
 */
const NOT_PRODUCT = new Set(["team", "ac"]);
const ALL_PAIRS: [string, string][] = Object.entries(statements)
  .filter(([resource]) => !NOT_PRODUCT.has(resource))
  .flatMap(([resource, actions]) => (actions as readonly string[]).map((action) => [resource, action] as [string, string]));

const can = (role: string | null | undefined, resource: string, action: string) => roleCan(role, { [resource]: [action] } as Permission);

/** The role table of docs/roles.md, spelled out per action. */
const DEVELOPER_ALLOWED = new Set([
  "project:read",
  "apiKey:read",
  "testSecretKey:reveal",
  "webhook:read",
  "webhook:manageTest",
  "webhook:sendTestEvent",
  "data:read",
  "order:refundTest",
  "requestLog:read",
  "requestLog:readBodies",
]);
/** Support reads the request log without its bodies (docs/roles.md). */
const SUPPORT_ALLOWED = new Set(["project:read", "data:read", "webhook:read", "requestLog:read"]);

describe("roles", () => {
  it("has exactly the four roles of docs/roles.md", () => {
    expect([...ROLES].sort()).toEqual(["admin", "developer", "owner", "support"]);
    expect(Object.keys(roles).sort()).toEqual(["admin", "developer", "owner", "support"]);
  });

  it("covers the product statements", () => {
    const keys = ALL_PAIRS.map(([r, a]) => `${r}:${a}`);
    for (const expected of [
      "project:read",
      "project:create",
      "apiKey:create",
      "apiKey:roll",
      "apiKey:revoke",
      "testSecretKey:reveal",
      "webhook:manageLive",
      "order:refundTest",
      "order:refundLive",
      "branding:update",
      "gateway:update",
      "audit:read",
      "invitation:create",
      "organization:delete",
    ]) {
      expect(keys).toContain(expected);
    }
  });

  describe("owner", () => {
    it.each(ALL_PAIRS)("can %s:%s", (resource, action) => {
      expect(can("owner", resource, action)).toBe(true);
    });

    it("can delete the organization", () => {
      expect(roleCan("owner", { organization: ["delete"] })).toBe(true);
      expect(roleCan("owner", { organization: ["update", "delete"] })).toBe(true);
    });
  });

  describe("admin", () => {
    // Owners only: deleting the organization, and its security settings (requiring two-factor of every member).
    const ownerOnly = (r: string, a: string) => (r === "organization" && a === "delete") || (r === "security" && a === "update");
    it.each(ALL_PAIRS.filter(([r, a]) => !ownerOnly(r, a)))("can %s:%s", (resource, action) => {
      expect(can("admin", resource, action)).toBe(true);
    });

    it("cannot change the organization's security settings", () => {
      expect(roleCan("admin", { security: ["update"] })).toBe(false);
      expect(roleCan("owner", { security: ["update"] })).toBe(true);
    });

    it("cannot delete the organization", () => {
      expect(roleCan("admin", { organization: ["delete"] })).toBe(false);
      // A permission with several actions needs all of them.
      expect(roleCan("admin", { organization: ["update", "delete"] })).toBe(false);
    });

    it("can create, roll and revoke keys and invite people", () => {
      expect(roleCan("admin", { apiKey: ["create", "roll", "revoke"] })).toBe(true);
      expect(roleCan("admin", { invitation: ["create"] })).toBe(true);
      expect(roleCan("admin", { webhook: ["manageLive"] })).toBe(true);
    });
  });

  describe("developer", () => {
    it.each([...DEVELOPER_ALLOWED].map((k) => k.split(":") as [string, string]))("can %s:%s", (resource, action) => {
      expect(can("developer", resource, action)).toBe(true);
    });

    it.each([
      ["apiKey", "create"],
      ["apiKey", "roll"],
      ["apiKey", "revoke"],
      ["webhook", "manageLive"],
      ["order", "refundLive"],
      ["branding", "update"],
      ["gateway", "update"],
      ["audit", "read"],
      ["invitation", "create"],
      ["organization", "delete"],
      ["project", "create"],
      ["member", "update"],
    ] as [string, string][])("cannot %s:%s", (resource, action) => {
      expect(can("developer", resource, action)).toBe(false);
    });

    it("has nothing beyond the role table", () => {
      for (const [resource, action] of ALL_PAIRS) {
        const key = `${resource}:${action}`;
        expect(can("developer", resource, action), key).toBe(DEVELOPER_ALLOWED.has(key));
      }
    });

    it("is refused a mixed permission that contains one forbidden action", () => {
      expect(roleCan("developer", { webhook: ["manageTest", "manageLive"] })).toBe(false);
      expect(roleCan("developer", { apiKey: ["read"], testSecretKey: ["reveal"] })).toBe(true);
    });
  });

  describe("support", () => {
    it.each([...SUPPORT_ALLOWED].map((k) => k.split(":") as [string, string]))("can %s:%s", (resource, action) => {
      expect(can("support", resource, action)).toBe(true);
    });

    it("never refunds an order, in either mode", () => {
      expect(roleCan("support", { order: ["refundTest"] })).toBe(false);
      expect(roleCan("support", { order: ["refundLive"] })).toBe(false);
    });

    it("never sees a key or a secret", () => {
      expect(roleCan("support", { apiKey: ["read"] })).toBe(false);
      expect(roleCan("support", { testSecretKey: ["reveal"] })).toBe(false);
    });

    it("has nothing beyond the role table", () => {
      for (const [resource, action] of ALL_PAIRS) {
        const key = `${resource}:${action}`;
        expect(can("support", resource, action), key).toBe(SUPPORT_ALLOWED.has(key));
      }
    });
  });

  describe("unknown roles", () => {
    it.each(["", "root", "superadmin", "Owner", "ADMIN", " admin"])("%j can do nothing", (role) => {
      expect(roleCan(role, { project: ["read"] })).toBe(false);
      expect(roleCan(role, { data: ["read"] })).toBe(false);
    });

    // Names every JavaScript object inherits are not roles.
    it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])("%j (an Object.prototype name) can do nothing and is not a role", (role) => {
      expect(isRole(role)).toBe(false);
      expect(roleCan(role, { project: ["read"] })).toBe(false);
    });

    it("null and undefined can do nothing", () => {
      expect(roleCan(null, { project: ["read"] })).toBe(false);
      expect(roleCan(undefined, { project: ["read"] })).toBe(false);
    });
  });

  it("every role can at least read projects and data", () => {
    for (const role of ROLES as Role[]) {
      expect(roleCan(role, { project: ["read"], data: ["read"] }), role).toBe(true);
    }
  });
});
