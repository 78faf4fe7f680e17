/**
 * POST /checkout/quotes (JSON) — fresh, ranked quotes for the checkout page's current choices,
 * with what the customer's country can be offered. The session's credentials ride in the body.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { enforceIpRateLimit } from "~/api/rate-limit.server";
import { refreshQuotes, type QuoteRefresh } from "~/checkout/checkout.server";
import { answerCheckoutJson } from "~/checkout/edge.server";
import { quoteRefreshSchema } from "~/checkout/schemas";
import { getDb } from "~/lib/db.server";

const HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

export function action({ request }: ActionFunctionArgs) {
  return answerCheckoutJson(async () => {
    await enforceIpRateLimit(request);
    const parsed = quoteRefreshSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) return Response.json({ ok: false, closed: { state: "invalid" } } satisfies QuoteRefresh, { status: 400, headers: HEADERS });
    const result = await refreshQuotes(await getDb(), parsed.data, parsed.data.choices);
    return Response.json(result, { headers: HEADERS });
  }, HEADERS);
}

export const loader = () => Response.json({ error: "POST the checkout's credentials and choices." }, { status: 405, headers: { Allow: "POST" } });
