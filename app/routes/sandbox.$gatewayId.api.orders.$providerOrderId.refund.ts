import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/lib/db.server";
import { refundSandboxPayment } from "~/sandbox/provider.server";
import { providerApi } from "~/sandbox/respond.server";
import { verifyProviderRequest } from "~/sandbox/signing.server";

/** The sandbox provider's "refund order" API, as a real gateway would expose it: signed by the platform. */
export async function action({ request, params }: ActionFunctionArgs) {
  const raw = await request.text();
  if (!verifyProviderRequest(new URL(request.url).pathname, raw, request.headers.get("x-sandbox-timestamp"), request.headers.get("x-sandbox-signature"))) {
    return Response.json({ error: "Invalid signature." }, { status: 401 });
  }
  let body: unknown = null;
  try {
    body = JSON.parse(raw);
  } catch {
    // Not JSON: refundSandboxPayment answers 400.
  }
  return providerApi(async () => {
    const refunded = await refundSandboxPayment(await getDb(), params.gatewayId ?? "", params.providerOrderId ?? "", body);
    return Response.json(refunded, { headers: { "Cache-Control": "no-store" } });
  });
}

export const loader = () => Response.json({ error: "POST to refund a sandbox order." }, { status: 405, headers: { Allow: "POST" } });
