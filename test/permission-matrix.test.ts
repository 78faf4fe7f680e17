/**
 * Every console loader and action of the configuration pages, called as each role and
 * as a member of another organization: the server alone decides (docs/roles.md).
 * allowed → the route answers; refused → 403; another tenant → 404 (never a leak).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../db/client";
import { order, requestLog } from "../db/schema";
import { generateHistory } from "../app/demo/history.server";
import { createSecretKey } from "../app/keys/lifecycle.server";
import { requireOrganization } from "../app/lib/permissions.server";
import type { Role } from "../app/lib/roles";
import { createProject } from "../app/projects/projects.server";
import * as auditPage from "../app/routes/_app.settings.audit/route";
import * as brandingPage from "../app/routes/_app.projects.$projectId.$mode.branding/route";
import * as checkoutPreview from "../app/routes/projects.$projectId.$mode.checkout-preview";
import * as catalogueGatewaysPage from "../app/routes/_app.gateways/route";
import * as gatewaysPage from "../app/routes/_app.projects.$projectId.$mode.gateways/route";
import * as goLivePage from "../app/routes/_app.projects.$projectId.$mode.go-live";
import * as keysPage from "../app/routes/_app.projects.$projectId.$mode.keys/route";
import * as overviewPage from "../app/routes/_app.projects.$projectId.$mode._index";
import * as customerPage from "../app/routes/_app.projects.$projectId.$mode.customers.$customerId";
import * as customersPage from "../app/routes/_app.projects.$projectId.$mode.customers._index";
import * as orderPage from "../app/routes/_app.projects.$projectId.$mode.orders.$orderId/route";
import * as ordersPage from "../app/routes/_app.projects.$projectId.$mode.orders._index";
import * as searchPage from "../app/routes/_app.projects.$projectId.$mode.search";
import * as sessionPage from "../app/routes/_app.projects.$projectId.$mode.sessions.$sessionId/route";
import * as sessionsPage from "../app/routes/_app.projects.$projectId.$mode.sessions._index";
import * as ordersCsv from "../app/routes/projects.$projectId.$mode.orders[.]csv";
import * as sessionsCsv from "../app/routes/projects.$projectId.$mode.sessions[.]csv";
import * as projectSettingsPage from "../app/routes/_app.projects.$projectId.$mode.settings";
import * as projectsPage from "../app/routes/_app.projects._index";
import * as teamPage from "../app/routes/_app.settings.team/route";
import * as accountPage from "../app/routes/_app.settings.account";
import { listPendingInvitations } from "../app/orgs/orgs.server";
import * as organizationPage from "../app/routes/_app.settings.organization";
import * as setupPage from "../app/routes/_auth.two-factor.setup";
import * as webhooksPage from "../app/routes/_app.projects.$projectId.$mode.webhooks._index/route";
import * as webhookPage from "../app/routes/_app.projects.$projectId.$mode.webhooks.$endpointId/route";
import * as eventsPage from "../app/routes/_app.projects.$projectId.$mode.events._index";
import * as getStartedPage from "../app/routes/_app.projects.$projectId.$mode.get-started";
import * as quickStartReturnPage from "../app/routes/_app.quickstart.return";
import * as eventPage from "../app/routes/_app.projects.$projectId.$mode.events.$eventId/route";
import * as logsPage from "../app/routes/_app.projects.$projectId.$mode.logs._index/route";
import * as logErrorsPage from "../app/routes/_app.projects.$projectId.$mode.logs.errors";
import * as logRequestPage from "../app/routes/_app.projects.$projectId.$mode.logs.$requestId";
import { createEndpoint } from "../app/webhooks/endpoints.server";
import { sendTestEvent } from "../app/webhooks/deliveries.server";
import { createTestDatabase, type TestDatabase } from "./database";
import { addMember, createOrg, signUp, type TestUser } from "./users";

type Who = Role | "outsider";
const EVERYONE: Who[] = ["owner", "admin", "developer", "support", "outsider"];

let database: TestDatabase;
const users = {} as Record<Who, TestUser>;
let projectId: string;
/** An organization every role is a member of (with that role, beside a second owner), for "leave". */
let leavableOrgId: string;
let records: { sessionId: string; orderId: string; customerId: string; requestId: string };
/** An order per mode that is not completed: a refund the role may ask answers INVALID_STATE as data, without calling a gateway. */
const unrefundable = { test: "", live: "" };

type RouteFn = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>;

/** The HTTP-ish status a loader/action produced: thrown data()/Response, or 200 when it answered. */
async function statusOf(fn: RouteFn, request: Request, params: Record<string, string>): Promise<number> {
  try {
    const result = await fn({ request, params, context: {} } as LoaderFunctionArgs);
    const init = (result as { init?: { status?: number } | null })?.init;
    return init?.status ?? (result instanceof Response ? result.status : 200);
  } catch (error) {
    if (error instanceof Response) return error.status >= 300 && error.status < 400 ? 200 : error.status;
    const init = (error as { init?: { status?: number } | null })?.init;
    if (init?.status) return init.status;
    throw error;
  }
}

function request(who: Who, path: string, form?: Record<string, string>) {
  const headers = new Headers({ cookie: users[who].cookie, origin: "http://localhost:3000" });
  if (!form) return new Request(`http://localhost:3000${path}`, { headers });
  return new Request(`http://localhost:3000${path}`, { method: "POST", headers, body: new URLSearchParams(form) });
}

interface Case {
  name: string;
  fn: RouteFn;
  path: string;
  /** Form fields (an action) or none (a loader); a function gets fresh fields per call. */
  form?: () => Promise<Record<string, string>> | Record<string, string>;
  allowed: Who[];
  /** Org-level pages act on the caller's own organization: an outsider is simply in theirs. */
  orgLevel?: boolean;
  /** `/projects/PROJECT/test…` unless live; ENDPOINT and EVENT in the path are made fresh per call. */
  mode?: "test" | "live";
  /** Route params beyond projectId and mode (a detail page's id). */
  params?: () => Record<string, string>;
}

// Signs up every role and builds their organization: over the default 60 s once, on CI's two shared cores.
beforeAll(async () => {
  database = await createTestDatabase();
  for (const who of EVERYONE) users[who] = await signUp(who);
  const org = await createOrg(users.owner, "Matrix Org");
  for (const role of ["admin", "developer", "support"] as const) await addMember(org.id, users[role], role);
  await createOrg(users.outsider, "Elsewhere");
  // Named after "Matrix Org": a member with no active organization lands in the first by name.
  const leavable = await createOrg(await signUp("leavable-owner"), "Zz Leavable Org");
  leavableOrgId = leavable.id;
  for (const role of ["owner", "admin", "developer", "support"] as const) await addMember(leavable.id, users[role], role);
  const ownerCtx = await requireOrganization(request("owner", "/"));
  projectId = (await createProject(ownerCtx, { name: "Matrix Project" })).project.id;
  // A little history, so the browser's detail pages have records to open.
  await generateHistory(database.db, { projectId, mode: "test", sessions: 20, seed: 3 });
  const [row] = await database.db.select().from(order).where(eq(order.projectId, projectId)).limit(1);
  records = { sessionId: row!.sessionId!, orderId: row!.id, customerId: row!.customerId!, requestId: "req_matrixMatrixMatrix01" };
  await database.db.insert(requestLog).values({
    id: records.requestId,
    projectId,
    mode: "test",
    source: "api",
    method: "GET",
    path: `/v1/orders/${row!.id}`,
    endpoint: "GET /v1/orders/:id",
    status: 200,
    latencyMs: 3,
    objectIds: [row!.id],
  });
  await generateHistory(database.db, { projectId, mode: "live", sessions: 20, seed: 4 });
  for (const mode of ["test", "live"] as const) {
    const [picked] = await database.db
      .select({ id: order.id })
      .from(order)
      .where(and(eq(order.projectId, projectId), eq(order.mode, mode), ne(order.id, row!.id)))
      .limit(1);
    await database.db.update(order).set({ status: "failed" }).where(eq(order.id, picked!.id));
    unrefundable[mode] = picked!.id;
  }
}, 180_000);

afterAll(async () => {
  await database?.destroy();
});

async function freshKey() {
  const ownerCtx = await requireOrganization(request("owner", "/"));
  const key = await createSecretKey({ ...ownerCtx, projectId, mode: "test" }, { label: "matrix" });
  return key.id;
}

const p = (suffix = "") => `/projects/PROJECT/test${suffix}`;

/** A webhook endpoint of the matrix project (shared per mode unless `fresh`: a project has at most 20), and a test event delivered to it. */
const sharedEndpoints: Partial<Record<"test" | "live", string>> = {};
async function endpointFor(mode: "test" | "live", fresh = false) {
  if (!fresh && sharedEndpoints[mode]) return sharedEndpoints[mode]!;
  const ownerCtx = await requireOrganization(request("owner", "/"));
  const url = mode === "live" ? "https://93.184.216.34/hooks" : "http://127.0.0.1:9/hooks";
  const id = (await createEndpoint({ ...ownerCtx, projectId, mode }, { url, enabledEvents: ["*"] })).endpoint.id;
  if (!fresh) sharedEndpoints[mode] = id;
  return id;
}
async function freshEvent() {
  const ownerCtx = await requireOrganization(request("owner", "/"));
  return (await sendTestEvent({ ...ownerCtx, projectId, mode: "test" }, await endpointFor("test"), "order.completed")).id;
}

const cases: Case[] = [
  { name: "project overview", fn: overviewPage.loader as RouteFn, path: p(), allowed: ["owner", "admin", "developer", "support"] },
  { name: "get started page", fn: getStartedPage.loader as RouteFn, path: p("/get-started"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "quick start outcome page (a test session of the project)",
    fn: quickStartReturnPage.loader as RouteFn,
    path: "/quickstart/return?sessionId=SESSION_ID&status=completed",
    allowed: ["owner", "admin", "developer", "support"],
  },
  { name: "API keys page", fn: keysPage.loader as RouteFn, path: p("/keys"), allowed: ["owner", "admin", "developer"] },
  {
    name: "create a secret key",
    fn: keysPage.action as RouteFn,
    path: p("/keys"),
    form: () => ({ intent: "create", label: "x" }),
    allowed: ["owner", "admin"],
  },
  {
    name: "create a restricted key with an IP allowlist and an expiry date",
    fn: keysPage.action as RouteFn,
    path: p("/keys"),
    form: () => ({
      intent: "create",
      label: "reports",
      type: "restricted",
      access_sessions: "read",
      access_orders: "refund",
      allowedIps: "10.0.0.0/8",
      expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    }),
    allowed: ["owner", "admin"],
  },
  {
    name: "edit a key's IP allowlist",
    fn: keysPage.action as RouteFn,
    path: p("/keys"),
    form: async () => ({ intent: "allowlist", keyId: await freshKey(), allowedIps: "203.0.113.0/24\n2001:db8::/32" }),
    allowed: ["owner", "admin"],
  },
  {
    name: "reveal a test secret key",
    fn: keysPage.action as RouteFn,
    path: p("/keys"),
    form: async () => ({ intent: "reveal", keyId: await freshKey() }),
    allowed: ["owner", "admin", "developer"],
  },
  {
    name: "roll a key",
    fn: keysPage.action as RouteFn,
    path: p("/keys"),
    form: async () => ({ intent: "roll", keyId: await freshKey(), graceSeconds: "0" }),
    allowed: ["owner", "admin"],
  },
  {
    name: "revoke a key",
    fn: keysPage.action as RouteFn,
    path: p("/keys"),
    form: async () => ({ intent: "revoke", keyId: await freshKey() }),
    allowed: ["owner", "admin"],
  },
  { name: "project settings page", fn: projectSettingsPage.loader as RouteFn, path: p("/settings"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "rename the project",
    fn: projectSettingsPage.action as RouteFn,
    path: p("/settings"),
    form: () => ({ intent: "rename", name: "Matrix Project" }),
    allowed: ["owner", "admin"],
  },
  {
    name: "set redirect origins",
    fn: projectSettingsPage.action as RouteFn,
    path: p("/settings"),
    form: () => ({ intent: "origins", origins: "https://shop.example.com" }),
    allowed: ["owner", "admin"],
  },
  {
    name: "archive the project",
    fn: projectSettingsPage.action as RouteFn,
    path: p("/settings"),
    form: () => ({ intent: "restore" }),
    allowed: ["owner", "admin"],
  },
  { name: "branding page", fn: brandingPage.loader as RouteFn, path: p("/branding"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "branding's checkout preview",
    fn: checkoutPreview.loader as RouteFn,
    path: p("/checkout-preview?primaryColor=%23e8590c"),
    allowed: ["owner", "admin", "developer", "support"],
  },
  {
    name: "save branding",
    fn: brandingPage.action as RouteFn,
    path: p("/branding"),
    form: () => ({ intent: "save", displayName: "Matrix", primaryColor: "#4c6ef5", backgroundColor: "#ffffff", cornerRadius: "8" }),
    allowed: ["owner", "admin"],
  },
  { name: "remove the logo", fn: brandingPage.action as RouteFn, path: p("/branding"), form: () => ({ intent: "remove-logo" }), allowed: ["owner", "admin"] },
  { name: "gateway settings page", fn: gatewaysPage.loader as RouteFn, path: p("/gateways"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "disable a gateway",
    fn: gatewaysPage.action as RouteFn,
    path: p("/gateways"),
    form: () => ({ intent: "disable", gatewayId: "banxa" }),
    allowed: ["owner", "admin"],
  },
  {
    name: "reorder gateways",
    fn: gatewaysPage.action as RouteFn,
    path: p("/gateways"),
    form: () => ({ intent: "move-down", gatewayId: "moonpay" }),
    allowed: ["owner", "admin"],
  },
  {
    name: "test a live gateway connection",
    fn: gatewaysPage.action as RouteFn,
    path: "/projects/PROJECT/live/gateways",
    mode: "live",
    // No credentials saved: the answer is the form error "save credentials first", for those allowed.
    form: () => ({ intent: "test-connection", gatewayId: "banxa" }),
    allowed: ["owner", "admin"],
  },
  {
    name: "set a live callback secret",
    fn: gatewaysPage.action as RouteFn,
    path: "/projects/PROJECT/live/gateways",
    mode: "live",
    form: () => ({ intent: "set-callback-secret", gatewayId: "banxa", callbackSecret: "whsec_matrix_0123456789" }),
    allowed: ["owner", "admin"],
  },
  { name: "go-live page", fn: goLivePage.loader as RouteFn, path: p("/go-live"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "switch the project to test mode",
    fn: goLivePage.action as RouteFn,
    path: p("/go-live"),
    // The project is test only: switching it to test changes nothing, for those allowed.
    form: () => ({ intent: "go-test" }),
    allowed: ["owner", "admin"],
  },
  { name: "webhooks page", fn: webhooksPage.loader as RouteFn, path: p("/webhooks"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "add a test webhook endpoint",
    fn: webhooksPage.action as RouteFn,
    path: p("/webhooks"),
    form: () => ({ url: "http://127.0.0.1:9/h", allEvents: "on" }),
    allowed: ["owner", "admin", "developer"],
  },
  {
    name: "add a live webhook endpoint",
    fn: webhooksPage.action as RouteFn,
    path: "/projects/PROJECT/live/webhooks",
    mode: "live",
    form: () => ({ url: "https://93.184.216.34/h", allEvents: "on" }),
    allowed: ["owner", "admin"],
  },
  { name: "webhook endpoint page", fn: webhookPage.loader as RouteFn, path: p("/webhooks/ENDPOINT"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "edit a test endpoint",
    fn: webhookPage.action as RouteFn,
    path: p("/webhooks/ENDPOINT"),
    form: () => ({ intent: "update", url: "http://127.0.0.1:9/edited", allEvents: "on" }),
    allowed: ["owner", "admin", "developer"],
  },
  {
    name: "edit a live endpoint",
    fn: webhookPage.action as RouteFn,
    path: "/projects/PROJECT/live/webhooks/LIVE_ENDPOINT",
    mode: "live",
    form: () => ({ intent: "disable" }),
    allowed: ["owner", "admin"],
  },
  {
    name: "reveal a test signing secret",
    fn: webhookPage.action as RouteFn,
    path: p("/webhooks/ENDPOINT"),
    form: () => ({ intent: "reveal" }),
    allowed: ["owner", "admin", "developer"],
  },
  {
    name: "roll a signing secret",
    fn: webhookPage.action as RouteFn,
    path: p("/webhooks/ENDPOINT"),
    form: () => ({ intent: "roll", graceHours: "24" }),
    allowed: ["owner", "admin", "developer"],
  },
  {
    name: "send a test event",
    fn: webhookPage.action as RouteFn,
    path: p("/webhooks/ENDPOINT"),
    form: () => ({ intent: "test", type: "order.created" }),
    allowed: ["owner", "admin", "developer"],
  },
  {
    name: "delete an endpoint",
    fn: webhookPage.action as RouteFn,
    path: p("/webhooks/NEW_ENDPOINT"),
    form: () => ({ intent: "delete" }),
    allowed: ["owner", "admin", "developer"],
  },
  { name: "event log", fn: eventsPage.loader as RouteFn, path: p("/events"), allowed: ["owner", "admin", "developer", "support"] },
  { name: "event page", fn: eventPage.loader as RouteFn, path: p("/events/EVENT"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "resend an event's delivery",
    fn: eventPage.action as RouteFn,
    path: p("/events/EVENT"),
    form: () => ({ deliveryId: "DELIVERY" }),
    allowed: ["owner", "admin", "developer"],
  },
  { name: "request log", fn: logsPage.loader as RouteFn, path: p("/logs?status=2xx"), allowed: ["owner", "admin", "developer", "support"] },
  { name: "request log errors", fn: logErrorsPage.loader as RouteFn, path: p("/logs/errors?range=7d"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "logged request page",
    fn: logRequestPage.loader as RouteFn,
    path: p("/logs/R"),
    params: () => ({ requestId: records.requestId }),
    allowed: ["owner", "admin", "developer", "support"],
  },
  { name: "sessions list", fn: sessionsPage.loader as RouteFn, path: p("/sessions?status=completed"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "session detail",
    fn: sessionPage.loader as RouteFn,
    path: p("/sessions/S"),
    params: () => ({ sessionId: records.sessionId }),
    allowed: ["owner", "admin", "developer", "support"],
  },
  { name: "orders list", fn: ordersPage.loader as RouteFn, path: p("/orders"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "order detail",
    fn: orderPage.loader as RouteFn,
    path: p("/orders/O"),
    params: () => ({ orderId: records.orderId }),
    allowed: ["owner", "admin", "developer", "support"],
  },
  {
    name: "refund a test order",
    fn: orderPage.action as RouteFn,
    path: p("/orders/O"),
    params: () => ({ orderId: unrefundable.test }),
    form: () => ({ reason: "matrix" }),
    allowed: ["owner", "admin", "developer"],
  },
  {
    name: "refund a live order",
    fn: orderPage.action as RouteFn,
    path: "/projects/PROJECT/live/orders/O",
    mode: "live",
    params: () => ({ orderId: unrefundable.live }),
    form: () => ({ reason: "matrix" }),
    allowed: ["owner", "admin"],
  },
  { name: "customers list", fn: customersPage.loader as RouteFn, path: p("/customers"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "customer detail",
    fn: customerPage.loader as RouteFn,
    path: p("/customers/C"),
    params: () => ({ customerId: records.customerId }),
    allowed: ["owner", "admin", "developer", "support"],
  },
  { name: "search", fn: searchPage.loader as RouteFn, path: p("/search?q=nothing-matches"), allowed: ["owner", "admin", "developer", "support"] },
  { name: "sessions CSV export", fn: sessionsCsv.loader as RouteFn, path: p("/sessions.csv?tz=UTC"), allowed: ["owner", "admin", "developer", "support"] },
  { name: "orders CSV export", fn: ordersCsv.loader as RouteFn, path: p("/orders.csv"), allowed: ["owner", "admin", "developer", "support"] },
  {
    name: "gateway catalogue",
    fn: catalogueGatewaysPage.loader as RouteFn,
    path: "/gateways",
    allowed: ["owner", "admin", "developer", "support"],
    orgLevel: true,
  },
  {
    name: "create a project",
    fn: projectsPage.action as RouteFn,
    path: "/projects",
    form: () => ({ name: "Another" }),
    allowed: ["owner", "admin"],
    orgLevel: true,
  },
  { name: "audit log", fn: auditPage.loader as RouteFn, path: "/settings/audit", allowed: ["owner", "admin"], orgLevel: true },
  { name: "team page", fn: teamPage.loader as RouteFn, path: "/settings/team", allowed: ["owner", "admin"], orgLevel: true },
  {
    name: "invite a member",
    fn: teamPage.action as RouteFn,
    path: "/settings/team",
    form: () => ({ intent: "invite", email: `invitee-${Math.random().toString(36).slice(2)}@example.com`, role: "support" }),
    allowed: ["owner", "admin"],
    orgLevel: true,
  },
  { name: "organization settings", fn: organizationPage.loader as RouteFn, path: "/settings/organization", allowed: ["owner", "admin"], orgLevel: true },
  {
    name: "require two-factor for every member (turned off here)",
    fn: organizationPage.action as RouteFn,
    path: "/settings/organization",
    form: () => ({ intent: "two-factor-requirement" }),
    allowed: ["owner"],
    orgLevel: true,
  },
  // A person's own account: every signed-in member, whatever the role.
  { name: "account page", fn: accountPage.loader as RouteFn, path: "/settings/account", allowed: ["owner", "admin", "developer", "support"], orgLevel: true },
  {
    name: "new backup codes (a wrong password answers as a form error)",
    fn: accountPage.action as RouteFn,
    path: "/settings/account",
    form: () => ({ intent: "regenerate-backup-codes", password: "not-the-password" }),
    allowed: ["owner", "admin", "developer", "support"],
    orgLevel: true,
  },
  {
    name: "turn two-factor off (a wrong password answers as a form error)",
    fn: accountPage.action as RouteFn,
    path: "/settings/account",
    form: () => ({ intent: "disable-two-factor", password: "not-the-password" }),
    allowed: ["owner", "admin", "developer", "support"],
    orgLevel: true,
  },
  {
    name: "sign out all other devices",
    fn: accountPage.action as RouteFn,
    path: "/settings/account",
    form: () => ({ intent: "sign-out-other-devices" }),
    allowed: ["owner", "admin", "developer", "support"],
    orgLevel: true,
  },
  {
    name: "sign out a device (an unknown one answers as a form error)",
    fn: accountPage.action as RouteFn,
    path: "/settings/account",
    form: () => ({ intent: "sign-out-device", sessionId: "not-a-session" }),
    allowed: ["owner", "admin", "developer", "support"],
    orgLevel: true,
  },
  {
    name: "two-factor set-up page",
    fn: setupPage.loader as RouteFn,
    path: "/two-factor/setup",
    allowed: ["owner", "admin", "developer", "support"],
    orgLevel: true,
  },
  {
    name: "start two-factor set-up (a wrong password answers as a form error)",
    fn: setupPage.action as RouteFn,
    path: "/two-factor/setup",
    form: () => ({ intent: "start", password: "not-the-password" }),
    allowed: ["owner", "admin", "developer", "support"],
    orgLevel: true,
  },
  {
    name: "resend an invitation",
    fn: teamPage.action as RouteFn,
    path: "/settings/team",
    form: async () => {
      const email = `resent-${Math.random().toString(36).slice(2)}@example.com`;
      await teamPage.action({
        request: request("owner", "/settings/team", { intent: "invite", email, role: "support" }),
        params: {},
        context: {},
      } as ActionFunctionArgs);
      const ownerCtx = await requireOrganization(request("owner", "/"));
      const invitation = (await listPendingInvitations(database.db, ownerCtx.organizationId)).find((i) => i.email === email)!;
      return { intent: "resend-invitation", invitationId: invitation.id };
    },
    allowed: ["owner", "admin"],
    orgLevel: true,
  },
  {
    name: "transfer ownership",
    fn: teamPage.action as RouteFn,
    path: "/settings/team",
    // A member id that is not there: the owner is told so (200), the others are refused before it is read.
    form: () => ({ intent: "transfer-ownership", memberId: "mem_not_a_member" }),
    allowed: ["owner"],
    orgLevel: true,
  },
  {
    name: "leave an organization",
    fn: accountPage.action as RouteFn,
    path: "/settings/account",
    form: () => ({ intent: "leave", organizationId: leavableOrgId }),
    allowed: ["owner", "admin", "developer", "support"],
    orgLevel: true,
  },
];

describe.each(cases)("$name", (c) => {
  it.each(EVERYONE.filter((who) => !(c.orgLevel && who === "outsider")))("as %s", async (who) => {
    let path = c.path.replace("PROJECT", projectId);
    const params: Record<string, string> = { projectId, mode: c.mode ?? "test", ...c.params?.() };
    let form = c.form ? await c.form() : undefined;
    path = path.replace("SESSION_ID", records.sessionId);
    if (path.includes("LIVE_ENDPOINT")) path = path.replace("LIVE_ENDPOINT", (params.endpointId = await endpointFor("live")));
    if (path.includes("NEW_ENDPOINT")) path = path.replace("NEW_ENDPOINT", (params.endpointId = await endpointFor("test", true)));
    if (path.includes("ENDPOINT")) path = path.replace("ENDPOINT", (params.endpointId = await endpointFor("test")));
    if (path.includes("EVENT")) {
      path = path.replace("EVENT", (params.eventId = await freshEvent()));
      const [delivery] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from webhook_delivery where event_id = ${params.eventId}`));
      if (form?.deliveryId === "DELIVERY") form = { ...form, deliveryId: delivery!.id };
    }
    const status = await statusOf(c.fn, request(who, path, form), params);
    if (who === "outsider") expect(status).toBe(404);
    else if (c.allowed.includes(who)) expect(status).toBe(200);
    else expect(status).toBe(403);
  });
});
