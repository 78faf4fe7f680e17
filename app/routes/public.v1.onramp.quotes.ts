/**
 * GET /public/v1/onramp/quotes?projectId=&fiatCurrency=&cryptoCurrency=&network=&fiatAmount=
 *   [&country=&paymentMethod=&orderType=buy]
 * Ranked quotes from the project's enabled gateways (docs/api-contract.md#quotes). No key needed;
 * `Authorization: Bearer pk_…` of the project selects the key's mode. Called from browsers:
 * CORS open to any origin, never cached.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "~/api/respond.server";
import { parseQuery, publicAction, publicLoader } from "~/quotes/public-api.server";
import { resolvePublicProject } from "~/quotes/public-project.server";
import { getQuotes } from "~/quotes/quotes.server";
import { QUOTE_QUERY_CODES, networkMismatch, quoteQuerySchema } from "~/quotes/schemas";

export function loader(args: LoaderFunctionArgs) {
  return publicLoader(args, async ({ request, db, requestId }) => {
    const query = parseQuery(quoteQuerySchema, new URL(request.url).searchParams, {
      codes: QUOTE_QUERY_CODES,
      extra: (raw) => {
        const message = networkMismatch(raw);
        return message ? [{ field: "network", message }] : [];
      },
    });
    const project = await resolvePublicProject(db, request, query.projectId);
    const { projectId: _projectId, ...purchase } = query;
    const result = await getQuotes(db, { ...purchase, projectId: project.projectId, mode: project.mode });
    return json(
      {
        success: true,
        data: {
          quotes: result.quotes,
          unavailable: result.unavailable,
          fiatCurrency: query.fiatCurrency,
          cryptoCurrency: query.cryptoCurrency,
          network: query.network,
          // As priced: "100" is quoted as "100.00".
          fiatAmount: result.fiatAmount,
          livemode: project.mode === "live",
        },
      },
      {},
      requestId,
    );
  });
}

export function action(args: ActionFunctionArgs) {
  return publicAction(args);
}
