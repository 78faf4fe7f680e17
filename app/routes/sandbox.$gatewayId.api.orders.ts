import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/lib/db.server";
import { createSandboxPayment } from "~/sandbox/provider.server";
import { providerApi } from "~/sandbox/respond.server";

/** The sandbox provider's "create order" API, as a real gateway would expose it. */
export function action({ request, params }: ActionFunctionArgs) {
  return providerApi(async () => {
    const body = await request.json().catch(() => null);
    const created = await createSandboxPayment(await getDb(), params.gatewayId ?? "", body);
    return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
  });
}

export const loader = () => Response.json({ error: "POST to create a sandbox order." }, { status: 405, headers: { Allow: "POST" } });
