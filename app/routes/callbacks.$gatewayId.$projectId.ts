import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveLiveCallback } from "~/gateways/callbacks.server";
import { getDb } from "~/lib/db.server";

/** A live gateway's callback for one project (docs/decisions/0014-gateway-adapters.md): verified by the gateway's own scheme. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "POST only" }, { status: 405, headers: { Allow: "POST" } });
  const answer = await receiveLiveCallback(await getDb(), params.gatewayId ?? "", params.projectId ?? "", request);
  return Response.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store" } });
}

export const loader = () => Response.json({ error: "POST only" }, { status: 405, headers: { Allow: "POST" } });
