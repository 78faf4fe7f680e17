import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/lib/db.server";
import { createSandboxPayment, SandboxError } from "~/sandbox/provider.server";

/** The sandbox provider's "create order" API, as a real gateway would expose it. */
export async function action({ request, params }: ActionFunctionArgs) {
  try {
    const body = await request.json().catch(() => null);
    const created = await createSandboxPayment(await getDb(), params.gatewayId ?? "", body);
    return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof SandboxError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export const loader = () => Response.json({ error: "POST to create a sandbox order." }, { status: 405, headers: { Allow: "POST" } });
