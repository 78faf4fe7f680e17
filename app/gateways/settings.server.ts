/**
 * Which catalogue gateways a project uses, per mode: on/off, priority order, and (live
 * mode only) the partner's own credentials for each gateway, AES-256-GCM encrypted at rest.
 *
 * - A catalogue gateway without a `gateway_setting` row is disabled and sorts by its
 *   catalogue position; the first change to a project+mode writes a row for every gateway
 *   with dense priorities (0 = tried first), so the order never depends on missing rows.
 * - Credentials are write-only: nothing here returns them except `readCredentialsForGateway`,
 *   which exists for the server-side gateway adapter and takes no console context.
 * - Every change is audited, with the mode and never a credential.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { gatewaySetting } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { recordAudit } from "~/audit/audit.server";
import type { ProjectContext } from "~/lib/context";
import { decryptSecret, encryptSecret } from "~/lib/crypto.server";
import type { Executor } from "~/lib/db.server";
import { DomainError, fieldError, invalidState, validationError } from "~/lib/domain-error";
import { GATEWAYS, gatewayById, isGatewayId, type Gateway, type GatewayId } from "./catalogue";
import { liveGateway } from "./adapters";
import type { CredentialField } from "./adapters/types";
import { DEFAULT_CREDENTIAL_FIELDS, callbackSecretSchema, credentialsSchemaFor } from "./schemas";

/** What the console may know about one gateway's setting: never the credentials themselves. */
export interface GatewaySettingView {
  gatewayId: GatewayId;
  name: string;
  enabled: boolean;
  /** Position in the project's order, 1 = tried first when quotes tie. */
  priority: number;
  hasCredentials: boolean;
  /** e.g. "…a1B2": the last four characters of the API key. */
  credentialsHint: string | null;
  /** Live: the callback secret's last four characters (null: none saved). */
  callbackSecretHint: string | null;
  /** Live: not_connected (no credentials, or never tested), connected, failing (the last call failed). */
  connection: "not_connected" | "connected" | "failing";
  lastError: string | null;
  lastCheckedAt: Date | null;
  updatedAt: Date | null;
}

type SettingRow = typeof gatewaySetting.$inferSelect;
interface OrderedEntry {
  gateway: Gateway;
  row: SettingRow | undefined;
}
interface StoredEntry {
  gateway: Gateway;
  row: SettingRow;
}

function scope(projectId: string, mode: Mode) {
  return and(eq(gatewaySetting.projectId, projectId), eq(gatewaySetting.mode, mode));
}

/**
 * Every catalogue gateway with its row (if any), in priority order. Missing rows sort by
 * catalogue position; ties (which only a partial set of rows can produce) by catalogue order.
 * Rows for gateways no longer in the catalogue are ignored.
 */
async function loadOrdered(db: Executor, projectId: string, mode: Mode, lock = false): Promise<OrderedEntry[]> {
  const query = db.select().from(gatewaySetting).where(scope(projectId, mode));
  // FOR UPDATE: two admins reordering at once apply one after the other instead of interleaving.
  const rows = lock ? await query.for("update") : await query;
  const byId = new Map(rows.map((r) => [r.gatewayId, r]));
  return GATEWAYS.map((gateway, index) => ({ gateway, index, row: byId.get(gateway.id) }))
    .sort((a, b) => (a.row?.priority ?? a.index) - (b.row?.priority ?? b.index) || a.index - b.index)
    .map(({ gateway, row }) => ({ gateway, row }));
}

/** Connected: credentials stored and Test connection succeeded, and no call has failed since. */
export function connectionState(row: Pick<SettingRow, "credentialsCiphertext" | "connectedAt" | "lastError"> | undefined): GatewaySettingView["connection"] {
  if (!row?.credentialsCiphertext) return "not_connected";
  if (row.lastError) return "failing";
  return row.connectedAt ? "connected" : "not_connected";
}

function toViews(ordered: OrderedEntry[]): GatewaySettingView[] {
  return ordered.map(({ gateway, row }, index) => ({
    gatewayId: gateway.id,
    name: gateway.name,
    enabled: row?.enabled ?? false,
    priority: index + 1,
    hasCredentials: Boolean(row?.credentialsCiphertext),
    credentialsHint: row?.credentialsCiphertext ? row.credentialsHint : null,
    callbackSecretHint: row?.callbackSecretCiphertext ? row.callbackSecretHint : null,
    connection: connectionState(row),
    lastError: row?.lastError ?? null,
    lastCheckedAt: row?.lastCheckedAt ?? null,
    updatedAt: row?.updatedAt ?? null,
  }));
}

/**
 * Locks the project+mode's rows and makes sure every catalogue gateway has one, with
 * priorities 0…n-1 in the current order. Returns the entries with their (now present) rows.
 */
async function materialize(tx: Executor, projectId: string, mode: Mode): Promise<StoredEntry[]> {
  const ordered = await loadOrdered(tx, projectId, mode, true);
  const result: StoredEntry[] = [];
  for (const [priority, { gateway, row }] of ordered.entries()) {
    if (!row) {
      // A missing row means "disabled": write exactly that, not the column's default (enabled).
      const [inserted] = await tx
        .insert(gatewaySetting)
        .values({ projectId, mode, gatewayId: gateway.id, enabled: false, priority })
        .onConflictDoUpdate({
          target: [gatewaySetting.projectId, gatewaySetting.mode, gatewaySetting.gatewayId],
          set: { priority },
        })
        .returning();
      result.push({ gateway, row: inserted! });
    } else if (row.priority !== priority) {
      const [updated] = await tx
        .update(gatewaySetting)
        .set({ priority })
        .where(and(scope(projectId, mode), eq(gatewaySetting.gatewayId, gateway.id)))
        .returning();
      result.push({ gateway, row: updated! });
    } else {
      result.push({ gateway, row });
    }
  }
  return result;
}

function requireGateway(gatewayId: string): Gateway {
  const gateway = isGatewayId(gatewayId) ? gatewayById(gatewayId) : undefined;
  if (!gateway) throw new DomainError("NOT_FOUND", `There is no gateway “${gatewayId}” in the catalogue.`);
  return gateway;
}

function requireLiveMode(ctx: ProjectContext) {
  if (ctx.mode !== "live") {
    throw invalidState("Credentials are only used in live mode. Test mode sends every gateway to the sandbox provider, which needs none.");
  }
}

function audit(tx: Executor, ctx: ProjectContext, action: string, targetId: GatewayId | null, details: Record<string, unknown>) {
  return recordAudit(tx, ctx.actor, {
    organizationId: ctx.organizationId,
    projectId: ctx.projectId,
    action,
    targetType: "gateway",
    targetId,
    details: { mode: ctx.mode, ...details },
  });
}

/** Every catalogue gateway, in this project+mode's priority order, with its state. */
export async function listGatewaySettings(ctx: ProjectContext): Promise<GatewaySettingView[]> {
  return toViews(await loadOrdered(ctx.db, ctx.projectId, ctx.mode));
}

/**
 * Turns a gateway on or off for the context's mode. In live mode a gateway must have
 * credentials before it can be enabled: without them the adapter could not place orders.
 * Setting the state it already has changes nothing and writes no audit entry.
 */
export async function setGatewayEnabled(ctx: ProjectContext, gatewayId: string, enabled: boolean) {
  const gateway = requireGateway(gatewayId);
  return ctx.db.transaction(async (tx) => {
    const ordered = await materialize(tx, ctx.projectId, ctx.mode);
    const index = ordered.findIndex((e) => e.gateway.id === gateway.id);
    const { row } = ordered[index]!;
    if (row.enabled === enabled) return toViews(ordered);
    if (enabled && ctx.mode === "live" && !row.credentialsCiphertext) {
      throw invalidState(`Add your live ${gateway.name} credentials before enabling it: live orders are placed with ${gateway.name} under your own account.`);
    }
    const [updated] = await tx
      .update(gatewaySetting)
      .set({ enabled, updatedAt: new Date() })
      .where(and(scope(ctx.projectId, ctx.mode), eq(gatewaySetting.gatewayId, gateway.id)))
      .returning();
    ordered[index] = { gateway, row: updated! };
    await audit(tx, ctx, enabled ? "gateway.enabled" : "gateway.disabled", gateway.id, { priority: index + 1 });
    return toViews(ordered);
  });
}

async function applyOrder(ctx: ProjectContext, decide: (current: GatewayId[]) => GatewayId[], targetId: GatewayId | null): Promise<GatewaySettingView[]> {
  return ctx.db.transaction(async (tx) => {
    const ordered = await materialize(tx, ctx.projectId, ctx.mode);
    const previous = ordered.map((e) => e.gateway.id);
    const next = decide(previous);
    if (next.every((id, i) => id === previous[i])) return toViews(ordered);
    const byId = new Map(ordered.map((e) => [e.gateway.id, e]));
    const now = new Date();
    const result: OrderedEntry[] = [];
    for (const [priority, id] of next.entries()) {
      const entry = byId.get(id)!;
      if (entry.row.priority === priority) {
        result.push(entry);
        continue;
      }
      const [updated] = await tx
        .update(gatewaySetting)
        .set({ priority, updatedAt: now })
        .where(and(scope(ctx.projectId, ctx.mode), eq(gatewaySetting.gatewayId, id)))
        .returning();
      result.push({ gateway: entry.gateway, row: updated! });
    }
    await audit(tx, ctx, "gateway.reordered", targetId, { order: next, previousOrder: previous });
    return toViews(result);
  });
}

/**
 * Sets the priority order: `orderedIds` must name every catalogue gateway exactly once,
 * first = tried first. `movedGatewayId` (when one gateway was moved) becomes the audit target.
 */
export async function reorderGateways(ctx: ProjectContext, orderedIds: readonly string[], movedGatewayId?: GatewayId) {
  const unknown = orderedIds.filter((id) => !isGatewayId(id));
  if (unknown.length) throw new DomainError("NOT_FOUND", `Unknown gateway${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`);
  const duplicates = orderedIds.filter((id, i) => orderedIds.indexOf(id) !== i);
  if (duplicates.length) throw fieldError("order", `Each gateway can appear only once in the order (repeated: ${[...new Set(duplicates)].join(", ")}).`);
  const missing = GATEWAYS.filter((g) => !orderedIds.includes(g.id)).map((g) => g.id);
  if (missing.length) throw fieldError("order", `The order must include every gateway (missing: ${missing.join(", ")}).`);
  return applyOrder(ctx, () => orderedIds as GatewayId[], movedGatewayId ?? null);
}

/**
 * Moves one gateway a step up (earlier) or down. Computed from the stored order inside the
 * transaction, so a page that was open for a while can't undo someone else's change.
 * At the top or bottom already: nothing changes.
 */
export async function moveGateway(ctx: ProjectContext, gatewayId: string, direction: "up" | "down") {
  const gateway = requireGateway(gatewayId);
  return applyOrder(
    ctx,
    (current) => {
      const from = current.indexOf(gateway.id);
      const to = direction === "up" ? from - 1 : from + 1;
      if (to < 0 || to >= current.length) return current;
      const next = [...current];
      [next[from], next[to]] = [next[to]!, next[from]!];
      return next;
    },
    gateway.id,
  );
}

/** The live credential fields of a gateway: its adapter's, or the key + secret pair until it has one. */
export function credentialFieldsFor(gatewayId: string): CredentialField[] {
  return liveGateway(gatewayId)?.adapter.credentialFields ?? DEFAULT_CREDENTIAL_FIELDS;
}

/** "…a1B2": enough to tell two keys apart, too little to use. */
export function credentialsHintFor(apiKey: string): string {
  return `…${apiKey.slice(-4)}`;
}

/**
 * Stores (or replaces) the partner's live credentials for a gateway — the adapter's own
 * `credentialFields`, all of them — encrypted as one JSON document. Returns only the hint.
 * New credentials are untested: the gateway shows Not connected until Test connection succeeds.
 * Live mode only.
 */
export async function setLiveCredentials(ctx: ProjectContext, gatewayId: string, input: Record<string, unknown>) {
  requireLiveMode(ctx);
  const gateway = requireGateway(gatewayId);
  const fields = credentialFieldsFor(gateway.id);
  const parsed = credentialsSchemaFor(fields).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    // A field's message goes beside it; one about the input as a whole goes above the form.
    throw field ? fieldError(field, issue.message) : validationError([], issue.message);
  }
  const values = parsed.data as Record<string, string>;
  const hintSource = values.apiKey ?? values[fields.find((f) => !f.secret)?.name ?? fields[0]!.name]!;
  const hint = credentialsHintFor(hintSource);
  const ciphertext = encryptSecret(JSON.stringify(values));
  return ctx.db.transaction(async (tx) => {
    const ordered = await materialize(tx, ctx.projectId, ctx.mode);
    const replaced = Boolean(ordered.find((e) => e.gateway.id === gateway.id)!.row.credentialsCiphertext);
    await tx
      .update(gatewaySetting)
      .set({ credentialsCiphertext: ciphertext, credentialsHint: hint, connectedAt: null, lastError: null, lastCheckedAt: null, updatedAt: new Date() })
      .where(and(scope(ctx.projectId, ctx.mode), eq(gatewaySetting.gatewayId, gateway.id)));
    await audit(tx, ctx, "gateway.credentials_set", gateway.id, { replaced, fields: fields.map((f) => f.name) });
    return { hint, replaced };
  });
}

/**
 * Stores (or replaces) the secret the gateway signs its callbacks with, encrypted. Write-only:
 * afterwards only its last four characters are shown. Live mode only.
 */
export async function setCallbackSecret(ctx: ProjectContext, gatewayId: string, secret: string) {
  requireLiveMode(ctx);
  const gateway = requireGateway(gatewayId);
  const parsed = callbackSecretSchema.safeParse(secret);
  if (!parsed.success) throw fieldError("callbackSecret", parsed.error.issues[0]!.message);
  const hint = credentialsHintFor(parsed.data);
  return ctx.db.transaction(async (tx) => {
    const ordered = await materialize(tx, ctx.projectId, ctx.mode);
    const replaced = Boolean(ordered.find((e) => e.gateway.id === gateway.id)!.row.callbackSecretCiphertext);
    await tx
      .update(gatewaySetting)
      .set({ callbackSecretCiphertext: encryptSecret(parsed.data), callbackSecretHint: hint, updatedAt: new Date() })
      .where(and(scope(ctx.projectId, ctx.mode), eq(gatewaySetting.gatewayId, gateway.id)));
    await audit(tx, ctx, "gateway.callback_secret_set", gateway.id, { replaced });
    return { hint, replaced };
  });
}

/**
 * Removes a gateway's live credentials. An enabled gateway is disabled in the same step
 * (it could not place orders any more), and that is audited too. Nothing stored: no-op.
 */
export async function clearLiveCredentials(ctx: ProjectContext, gatewayId: string) {
  requireLiveMode(ctx);
  const gateway = requireGateway(gatewayId);
  return ctx.db.transaction(async (tx) => {
    const ordered = await materialize(tx, ctx.projectId, ctx.mode);
    const index = ordered.findIndex((e) => e.gateway.id === gateway.id);
    const { row } = ordered[index]!;
    if (!row.credentialsCiphertext) return { cleared: false, disabled: false };
    await tx
      .update(gatewaySetting)
      .set({
        credentialsCiphertext: null,
        credentialsHint: null,
        callbackSecretCiphertext: null,
        callbackSecretHint: null,
        connectedAt: null,
        lastError: null,
        lastCheckedAt: null,
        enabled: false,
        updatedAt: new Date(),
      })
      .where(and(scope(ctx.projectId, ctx.mode), eq(gatewaySetting.gatewayId, gateway.id)));
    await audit(tx, ctx, "gateway.credentials_cleared", gateway.id, { disabled: row.enabled });
    if (row.enabled) {
      await audit(tx, ctx, "gateway.disabled", gateway.id, { priority: index + 1, reason: "credentials_cleared" });
    }
    return { cleared: true, disabled: row.enabled };
  });
}

/**
 * The decrypted live credentials of one gateway (keyed by the adapter's credentialFields), for
 * the server-side gateway adapter only. Never call this from a route or pass its result to a
 * response. Null when none are stored. Rows saved before adapters existed hold
 * `{ apiKey, apiSecret }`, which is the same shape: they read as they are.
 */
export async function readCredentialsForGateway(db: Executor, projectId: string, gatewayId: string): Promise<Record<string, string> | null> {
  const [row] = await db
    .select({ ciphertext: gatewaySetting.credentialsCiphertext })
    .from(gatewaySetting)
    .where(and(scope(projectId, "live"), eq(gatewaySetting.gatewayId, gatewayId)));
  if (!row?.ciphertext) return null;
  const parsed = JSON.parse(decryptSecret(row.ciphertext)) as unknown;
  if (!parsed || typeof parsed !== "object" || Object.values(parsed).some((v) => typeof v !== "string")) {
    throw new Error(`Stored credentials for ${gatewayId} are malformed`);
  }
  return parsed as Record<string, string>;
}

/**
 * A new project's starting point: every catalogue gateway enabled in test mode (the sandbox
 * needs no credentials), in catalogue order. Live mode starts empty: each live gateway needs
 * the partner's own credentials first. Safe to call twice: it only re-enables.
 * Takes the caller's transaction; the project's creation is the audited event.
 */
export async function enableDefaultGateways(tx: Executor, projectId: string) {
  await tx
    .insert(gatewaySetting)
    .values(GATEWAYS.map((g, priority) => ({ projectId, mode: "test" as const, gatewayId: g.id, enabled: true, priority })))
    .onConflictDoUpdate({
      target: [gatewaySetting.projectId, gatewaySetting.mode, gatewaySetting.gatewayId],
      set: { enabled: true },
    });
}

/**
 * The gateways that may quote for a project and mode, first priority first. In live mode a
 * gateway also needs credentials (enabling requires them, this guards against old rows).
 */
export async function listEnabledGateways(db: Executor, projectId: string, mode: Mode): Promise<Gateway[]> {
  const rows = await db
    .select({ gatewayId: gatewaySetting.gatewayId, priority: gatewaySetting.priority })
    .from(gatewaySetting)
    .where(and(scope(projectId, mode), eq(gatewaySetting.enabled, true), mode === "live" ? isNotNull(gatewaySetting.credentialsCiphertext) : undefined))
    .orderBy(asc(gatewaySetting.priority), asc(gatewaySetting.gatewayId));
  const catalogueIndex = (id: string) => GATEWAYS.findIndex((g) => g.id === id);
  return rows
    .filter((r) => isGatewayId(r.gatewayId))
    .sort((a, b) => a.priority - b.priority || catalogueIndex(a.gatewayId) - catalogueIndex(b.gatewayId))
    .map((r) => gatewayById(r.gatewayId)!);
}
