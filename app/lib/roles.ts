/**
 * The one place that says who may do what (docs/roles.md's role table, in code). Used by
 * better-auth's organization plugin (members, invitations) and by
 * app/lib/permissions.server.ts, which every loader, action and API handler calls.
 * Shared with the browser only to hide buttons; the server always decides.
 */
import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";

export const statements = {
  ...defaultStatements,
  project: ["read", "create", "update", "archive", "goLive"],
  /** Key list (masked) and publishable keys. */
  apiKey: ["read", "create", "roll", "revoke"],
  /** Reveal a test secret key again. Live secret keys are shown once, to nobody later. */
  testSecretKey: ["reveal"],
  webhook: ["read", "manageTest", "manageLive", "sendTestEvent"],
  branding: ["update"],
  gateway: ["update"],
  /** Sessions, orders, customers, events and webhook deliveries. */
  data: ["read"],
  /** Refund a completed order, per mode (modePermissions.refundOrders below). */
  order: ["refundTest", "refundLive"],
  audit: ["read"],
  /**
   * The API request log (console: Logs). `read`: every request's method, path, status, latency,
   * key id, IP, error code and message. `readBodies`: its request and response bodies and
   * headers too (redacted, but free-form partner data: metadata, emails, wallet addresses).
   */
  requestLog: ["read", "readBodies"],
  /** The organization's sign-in rules (require two-factor for every member): owners only. */
  security: ["update"],
} as const;

export const accessControl = createAccessControl(statements);

/** Every action of every statement, less the organization itself and better-auth's unused teams and custom roles. */
const { organization: _organization, team: _team, ac: _ac, ...everything } = statements;

export const roles = {
  owner: accessControl.newRole({ ...everything, organization: ["update", "delete"], team: [], ac: ["read"] }),
  admin: accessControl.newRole({ ...everything, organization: ["update"], security: [], team: [], ac: ["read"] }),
  developer: accessControl.newRole({
    project: ["read"],
    apiKey: ["read"],
    testSecretKey: ["reveal"],
    webhook: ["read", "manageTest", "sendTestEvent"],
    data: ["read"],
    order: ["refundTest"],
    requestLog: ["read", "readBodies"],
    ac: ["read"],
  }),
  support: accessControl.newRole({
    project: ["read"],
    webhook: ["read"],
    data: ["read"],
    requestLog: ["read"],
    ac: ["read"],
  }),
};

export type Role = keyof typeof roles;
export const ROLES = Object.keys(roles) as Role[];
export const INVITABLE_ROLES: Role[] = ["admin", "developer", "support"];
export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  developer: "Developer",
  support: "Support",
};
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including deleting the organization and managing owners.",
  admin: "Projects, keys, webhooks, branding, gateways, refunds and team invites.",
  developer: "Read projects, reveal test keys, manage test webhooks, refund test orders, browse data and API request logs with their bodies.",
  support: "Browse sessions, orders, customers, deliveries and the API request log (without bodies). Never sees a secret.",
};

export type Statements = typeof statements;
export type Permission = { [K in keyof Statements]?: Statements[K][number][] };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && Object.hasOwn(roles, value);
}

/**
 * Permissions that depend on the mode: what a developer may do with test data they may not
 * do with live data. Pages use these to hide buttons; actions check them on the server.
 */
export const modePermissions = {
  /** Managing webhook endpoints (create, edit, roll, delete, resend): admins; developers in test mode only. */
  manageWebhooks: (mode: "test" | "live"): Permission => ({ webhook: [mode === "live" ? "manageLive" : "manageTest"] }),
  /** Refunding an order (money goes back to the customer): admins; developers in test mode only. */
  refundOrders: (mode: "test" | "live"): Permission => ({ order: [mode === "live" ? "refundLive" : "refundTest"] }),
};

/**
 * What only an owner may do (transfer ownership, change or remove an owner): only owners may
 * delete the organization, so that permission names them.
 */
export const OWNER_ONLY: Permission = { organization: ["delete"] };

/** Whether `role` grants every action in `permission`. */
export function roleCan(role: string | null | undefined, permission: Permission): boolean {
  if (!isRole(role)) return false;
  return roles[role].authorize(permission as never).success;
}
