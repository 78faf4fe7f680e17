/**
 * Live gateway callbacks: POST /callbacks/<gatewayId>/<projectId>. The URL names the project
 * (see liveCallbackUrl); the callback is believed only if it verifies, by the gateway's own
 * scheme, with that project's callback secret or credentials. Then it goes through the same
 * applyProviderCallback as the sandbox's, scoped to the project's live orders. Every callback
 * is recorded with its verdict for the console; anything that doesn't verify changes nothing
 * and answers 4xx. An exact repeat of a verified callback is refused as a replay; and however a
 * valid one arrives again, applyProviderCallback never moves an order backwards.
 */
import { and, eq, inArray } from "drizzle-orm";
import { gatewayCallback, project } from "~db/schema";
import { sha256Hex } from "~/lib/crypto.server";
import type { Database } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { applyProviderCallback } from "~/orders/orders.server";
import { liveGateway } from "./adapters";
import { isGatewayId } from "./catalogue";
import { connectionFor, recordCallback, type CallbackVerdictName } from "./connections.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Gateways' callbacks are small JSON documents. */
const MAX_CALLBACK_BYTES = 64 * 1024;

export interface CallbackAnswer {
  status: number;
  body: Record<string, unknown>;
  /** The order the callback named, when we found it (for the order's request log). */
  orderId?: string | null;
}

/** What identifies one delivery: its body and every header that carries a signature or timestamp. */
function digestOf(headers: Headers, rawBody: string) {
  const signed = [...headers.entries()]
    .filter(([name]) => /^(authorization|.*sign.*|.*timestamp.*|.*nonce.*)$/i.test(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}:${value}`);
  return sha256Hex(`${signed.join("\n")}\n\n${rawBody}`);
}

export async function receiveLiveCallback(db: Database, gatewayId: string, projectId: string, request: Request): Promise<CallbackAnswer> {
  if (!isGatewayId(gatewayId) || !liveGateway(gatewayId) || !UUID.test(projectId)) return { status: 404, body: { error: "Unknown callback URL." } };
  const [found] = await db.select({ id: project.id }).from(project).where(eq(project.id, projectId));
  if (!found) return { status: 404, body: { error: "Unknown callback URL." } };

  const record = async (
    verdict: CallbackVerdictName,
    status: number,
    message: string,
    extra: { providerOrderId?: string | null; orderId?: string | null; digest?: string | null } = {},
  ) => {
    await recordCallback(db, { projectId, mode: "live", gatewayId, verdict, httpStatus: status, message, ...extra });
    if (status >= 400) logger.warn("gateway_callback.refused", { gateway: gatewayId, projectId, verdict });
    return { status, body: status < 400 ? { received: true, verdict } : { error: message, verdict }, orderId: extra.orderId ?? null };
  };

  const rawBody = await request.text().catch(() => null);
  if (rawBody === null || Buffer.byteLength(rawBody) > MAX_CALLBACK_BYTES) return record("malformed", 413, "The body is missing or larger than 64 KB.");
  const connected = await connectionFor(db, projectId, gatewayId, "live");
  if (!connected) return record("not_connected", 404, "This project has no live credentials for this gateway.");

  const verdict = await connected.adapter.verifyCallback(connected.conn, {
    method: request.method,
    url: request.url,
    headers: request.headers,
    rawBody,
    receivedAt: new Date(),
  });
  if (!verdict.ok) {
    const status = verdict.reason === "malformed" ? 400 : verdict.reason === "ignored" ? 202 : 401;
    return record(verdict.reason, status, verdict.message);
  }

  const digest = digestOf(request.headers, rawBody);
  const [seen] = await db
    .select({ id: gatewayCallback.id })
    .from(gatewayCallback)
    .where(
      and(
        eq(gatewayCallback.projectId, projectId),
        eq(gatewayCallback.gatewayId, gatewayId),
        eq(gatewayCallback.digest, digest),
        inArray(gatewayCallback.verdict, ["applied", "unchanged", "refused"]),
      ),
    );
  const ids = { providerOrderId: verdict.update.providerOrderId };
  if (seen) return record("replayed", 409, "This exact callback was already received: refused as a replay.", ids);

  const result = await applyProviderCallback(db, gatewayId, verdict.update, { mode: "live", projectId });
  if (!result.found) return record("unknown_order", 404, `No live order of this project has ${gatewayId} order ${verdict.update.providerOrderId}.`, ids);
  const withOrder = { ...ids, orderId: result.order.id, digest };
  if ("refusedRefund" in result) return record("refused", 409, `Order is ${result.order.status}, not completed: refund not applied.`, withOrder);
  return record(result.changed ? "applied" : "unchanged", 200, `${verdict.update.providerStatus} → order ${result.order.status}.`, withOrder);
}
