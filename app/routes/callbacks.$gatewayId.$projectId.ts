import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveLiveCallback } from "~/gateways/callbacks.server";
import { getDb } from "~/lib/db.server";
import { newId } from "~/lib/ids";
import { recordCallback } from "~/request-logs/record.server";

/**
 * A live gateway's callback for one project (docs/decisions/0014-gateway-adapters.md): verified by the gateway's own
 * scheme. Every one is kept with its verdict for the gateway's console page; those about a known order also in that
 * order's request log (source: callback).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "POST only" }, { status: 405, headers: { Allow: "POST" } });
  const startedAt = performance.now();
  const copy = request.clone();
  const answer = await receiveLiveCallback(await getDb(), params.gatewayId ?? "", params.projectId ?? "", request);
  const response = Response.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store", "Request-Id": newId("req") } });
  const order = answer.orderId ? { id: answer.orderId, projectId: params.projectId ?? "", mode: "live" as const, sessionId: null } : null;
  return recordCallback({
    request: copy,
    requestBody: order ? await copy.text() : "",
    gatewayId: params.gatewayId ?? "",
    response,
    startedAt,
    order,
    endpoint: "POST /callbacks/:gatewayId/:projectId",
  });
}

export const loader = () => Response.json({ error: "POST only" }, { status: 405, headers: { Allow: "POST" } });
