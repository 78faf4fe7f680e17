/**
 * A project's live connection to a gateway: the adapter, the decrypted credentials and
 * callback secret, the configured base URL and the callback URL we tell the partner to paste.
 * Also the connection's health (Test connection, failures of live calls) and the received
 * callbacks the console lists. Test mode's connection is the sandbox's.
 */
import { and, desc, eq } from "drizzle-orm";
import { gatewayCallback, gatewaySetting } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { recordAudit } from "~/audit/audit.server";
import type { ProjectContext } from "~/lib/context";
import { decryptSecret } from "~/lib/crypto.server";
import type { Database, Executor } from "~/lib/db.server";
import { DomainError, invalidState, isDomainError } from "~/lib/domain-error";
import { env } from "~/lib/env.server";
import { newId } from "~/lib/ids";
import { adapterFor, liveBaseUrl, liveGateway } from "./adapters";
import type { GatewayAdapter, GatewayConnection } from "./adapters/types";
import { callbackUrl as sandboxCallbackUrl, providerBaseUrl } from "./adapter.server";
import { gatewayById, isGatewayId } from "./catalogue";
import { readCredentialsForGateway } from "./settings.server";

/**
 * The URL a gateway calls back for one project: `/callbacks/<gatewayId>/<projectId>`. The
 * project id is not a secret, and needn't be: a callback is believed only when it verifies with
 * that project's own callback secret (or credentials), by the gateway's scheme.
 */
export function liveCallbackUrl(gatewayId: string, projectId: string) {
  return `${env().BASE_URL}/callbacks/${gatewayId}/${projectId}`;
}

export interface Connected {
  adapter: GatewayAdapter;
  conn: GatewayConnection;
}

/**
 * The adapter and connection an order, refund or quote of this project+mode uses. Live: null
 * when the project has no credentials for the gateway (the caller says it's not connected).
 */
export async function connectionFor(db: Executor, projectId: string, gatewayId: string, mode: Mode): Promise<Connected | null> {
  const gateway = gatewayById(gatewayId);
  if (!gateway) throw new DomainError("INVALID_GATEWAY", `Unknown gateway ${gatewayId}.`);
  const adapter = adapterFor(gateway.id, mode);
  if (mode === "test") {
    return { adapter, conn: { baseUrl: providerBaseUrl(), credentials: {}, callbackSecret: null, callbackUrl: sandboxCallbackUrl(gateway) } };
  }
  const credentials = await readCredentialsForGateway(db, projectId, gateway.id);
  if (!credentials) return null;
  const [row] = await db
    .select({ callbackSecret: gatewaySetting.callbackSecretCiphertext })
    .from(gatewaySetting)
    .where(and(eq(gatewaySetting.projectId, projectId), eq(gatewaySetting.mode, "live"), eq(gatewaySetting.gatewayId, gateway.id)));
  return {
    adapter,
    conn: {
      baseUrl: liveBaseUrl(gateway.id),
      credentials,
      callbackSecret: row?.callbackSecret ? decryptSecret(row.callbackSecret) : null,
      callbackUrl: liveCallbackUrl(gateway.id, projectId),
    },
  };
}

/** Like connectionFor, but a missing live connection is GATEWAY_UNAVAILABLE. */
export async function requireConnection(db: Executor, projectId: string, gatewayId: string, mode: Mode): Promise<Connected> {
  const connected = await connectionFor(db, projectId, gatewayId, mode);
  if (!connected) throw new DomainError("GATEWAY_UNAVAILABLE", `${gatewayById(gatewayId)?.name ?? gatewayId} is not connected for this project in live mode.`);
  return connected;
}

/**
 * Records how a live call to the gateway went: an error makes it Failing (with the message and
 * time); `connected` (Test connection succeeded) makes it Connected. Test mode records nothing.
 */
export async function recordGatewayHealth(
  db: Executor,
  projectId: string,
  gatewayId: string,
  mode: Mode,
  outcome: { error: string | null; connected?: boolean },
) {
  if (mode !== "live") return;
  const now = new Date();
  await db
    .update(gatewaySetting)
    .set({
      lastCheckedAt: now,
      lastError: outcome.error ? outcome.error.slice(0, 500) : null,
      ...(outcome.connected ? { connectedAt: now } : {}),
    })
    .where(and(eq(gatewaySetting.projectId, projectId), eq(gatewaySetting.mode, "live"), eq(gatewaySetting.gatewayId, gatewayId)));
}

/** Runs `call` against the gateway and records its outcome (live); the call's own error is rethrown. */
export async function withHealth<T>(db: Executor, projectId: string, gatewayId: string, mode: Mode, call: () => Promise<T>): Promise<T> {
  try {
    const result = await call();
    // A successful live call clears a past failure, but only Test connection makes a gateway Connected.
    if (mode === "live") {
      await db
        .update(gatewaySetting)
        .set({ lastError: null, lastCheckedAt: new Date() })
        .where(and(eq(gatewaySetting.projectId, projectId), eq(gatewaySetting.mode, "live"), eq(gatewaySetting.gatewayId, gatewayId)));
    }
    return result;
  } catch (error) {
    // Only the gateway's failures make it Failing; our refusal of a request (INVALID_STATE) does not.
    if (isDomainError(error, "GATEWAY_UNAVAILABLE")) await recordGatewayHealth(db, projectId, gatewayId, mode, { error: error.message });
    throw error;
  }
}

/**
 * Test connection (console, live): one authenticated, read-only call to the gateway with the
 * saved credentials. Answers success or the gateway's own message; audited (never a credential).
 */
export async function testGatewayConnection(ctx: ProjectContext, gatewayId: string): Promise<{ ok: boolean; message: string }> {
  if (ctx.mode !== "live") throw invalidState("Test connection is for live mode: test mode uses the sandbox, which needs no credentials.");
  if (!isGatewayId(gatewayId)) throw new DomainError("NOT_FOUND", `There is no gateway “${gatewayId}” in the catalogue.`);
  const gateway = gatewayById(gatewayId)!;
  if (!liveGateway(gatewayId)) throw invalidState(`${gateway.name} has no live integration yet: it can't be connected.`);
  const connected = await connectionFor(ctx.db, ctx.projectId, gatewayId, "live");
  if (!connected) throw invalidState(`Save your ${gateway.name} credentials first.`);
  let result: { ok: boolean; message: string };
  try {
    await connected.adapter.testConnection(connected.conn);
    result = { ok: true, message: `${gateway.name} accepted the credentials.` };
  } catch (error) {
    result = { ok: false, message: isDomainError(error) ? error.message : `${gateway.name} could not be reached.` };
  }
  await recordGatewayHealth(ctx.db, ctx.projectId, gatewayId, "live", { error: result.ok ? null : result.message, connected: result.ok });
  await recordAudit(ctx.db, ctx.actor, {
    organizationId: ctx.organizationId,
    projectId: ctx.projectId,
    action: "gateway.connection_tested",
    targetType: "gateway",
    targetId: gatewayId,
    details: { mode: ctx.mode, ok: result.ok },
  });
  return result;
}

export type CallbackVerdictName =
  "applied" | "unchanged" | "bad_signature" | "replayed" | "malformed" | "ignored" | "unknown_order" | "not_connected" | "refused";

export async function recordCallback(
  db: Executor,
  entry: {
    projectId: string;
    mode: Mode;
    gatewayId: string;
    verdict: CallbackVerdictName;
    httpStatus: number;
    message: string;
    providerOrderId?: string | null;
    orderId?: string | null;
    digest?: string | null;
  },
) {
  await db.insert(gatewayCallback).values({ id: newId("gcb"), ...entry, message: entry.message.slice(0, 500) });
}

/** The latest callbacks a gateway sent this project (console). */
export async function listGatewayCallbacks(ctx: ProjectContext, gatewayId: string, limit = 10) {
  return ctx.db
    .select({
      id: gatewayCallback.id,
      verdict: gatewayCallback.verdict,
      httpStatus: gatewayCallback.httpStatus,
      message: gatewayCallback.message,
      orderId: gatewayCallback.orderId,
      providerOrderId: gatewayCallback.providerOrderId,
      receivedAt: gatewayCallback.receivedAt,
    })
    .from(gatewayCallback)
    .where(and(eq(gatewayCallback.projectId, ctx.projectId), eq(gatewayCallback.mode, ctx.mode), eq(gatewayCallback.gatewayId, gatewayId)))
    .orderBy(desc(gatewayCallback.receivedAt))
    .limit(limit);
}

export type { Database };
