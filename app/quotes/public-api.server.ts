/**
 * The public quote endpoints (docs/api-contract.md#quotes): ranked quotes and what a project's checkout
 * offers. No key needed; `Authorization: Bearer pk_…` of the project selects the key's mode.
 * Called from browsers: CORS open to any origin (auth "public"), never cached.
 */
import { apiEndpoint } from "~/api/endpoint.server";
import { ALWAYS, PUBLIC_KEY_ERRORS } from "~/api/openapi/operation";
import { queryParameters } from "~/api/openapi/schema";
import { parseQuery, resolvePublicProject } from "~/api/public.server";
import { json } from "~/api/respond.server";
import { quoteQueryDocs, quotesObject, supportedObject, supportedQueryDocs } from "./openapi.server";
import { getQuotes } from "./quotes.server";
import {
  QUOTE_QUERY_CODES,
  SELL_QUOTE_QUERY_CODES,
  buyQuoteQuerySchema,
  networkMismatch,
  quoteQuerySchema,
  sellQuoteQuerySchema,
  supportedQuerySchema,
} from "./schemas";
import { getSellQuotes } from "./sell-quotes.server";
import { getSupported } from "./supported.server";

export const quoteApi = {
  /** GET /public/v1/onramp/quotes?projectId=&fiatCurrency=&cryptoCurrency=&network=&fiatAmount=[&country=&paymentMethod=&orderType=buy] */
  quotes: apiEndpoint({
    method: "GET",
    path: "/public/v1/onramp/quotes",
    auth: "public",
    operation: {
      operationId: "getQuotes",
      tag: "Public onramp",
      summary: "Get quotes",
      description:
        "Ranked quotes from the project's enabled gateways, best first. A buy (default) takes fiatAmount and ranks by crypto received, net of fees; `orderType=sell` takes cryptoAmount (and optionally payoutMethod) and ranks by fiat paid out, net of fees. No key needed; CORS is open.",
      parameters: queryParameters(quoteQuerySchema, quoteQueryDocs),
      success: { status: 200, description: "Quotes, and the gateways that can't quote and why.", object: quotesObject },
      errors: ["VALIDATION_ERROR", "INVALID_CURRENCY", "INVALID_NETWORK", "INVALID_AMOUNT", ...PUBLIC_KEY_ERRORS, "NOT_FOUND", ...ALWAYS],
    },
    async handle({ request, db, requestId }) {
      const searchParams = new URL(request.url).searchParams;
      const mismatch = (raw: { cryptoCurrency?: string; network?: string }) => {
        const message = networkMismatch(raw);
        return message ? [{ field: "network", message }] : [];
      };
      if (searchParams.get("orderType") === "sell") {
        const query = parseQuery(sellQuoteQuerySchema, searchParams, { codes: SELL_QUOTE_QUERY_CODES, extra: mismatch });
        const project = await resolvePublicProject(db, request, query.projectId);
        const { orderType: _orderType, ...sale } = query;
        const result = await getSellQuotes(db, { ...sale, projectId: project.projectId, mode: project.mode });
        return json(
          {
            success: true,
            data: {
              orderType: "sell",
              quotes: result.quotes,
              unavailable: result.unavailable,
              fiatCurrency: query.fiatCurrency,
              cryptoCurrency: query.cryptoCurrency,
              network: query.network,
              cryptoAmount: result.cryptoAmount,
              livemode: project.mode === "live",
            },
          },
          {},
          requestId,
        );
      }
      const query = parseQuery(buyQuoteQuerySchema, searchParams, { codes: QUOTE_QUERY_CODES, extra: mismatch });
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
    },
  }),

  /**
   * GET /public/v1/onramp/supported?projectId=[&orderType=buy|sell&country=] — the currencies,
   * networks, payment methods and gateways a project's checkout offers in its mode (the provider's
   * public docs). A country nobody serves gives empty lists, not an error.
   */
  supported: apiEndpoint({
    method: "GET",
    path: "/public/v1/onramp/supported",
    auth: "public",
    operation: {
      operationId: "getSupported",
      tag: "Public onramp",
      summary: "Supported currencies and gateways",
      description: "The fiats, cryptos with their networks, payment methods and gateways the project's checkout offers. No key needed; CORS is open.",
      parameters: queryParameters(supportedQuerySchema, supportedQueryDocs),
      success: { status: 200, description: "What the checkout offers.", object: supportedObject },
      errors: ["VALIDATION_ERROR", ...PUBLIC_KEY_ERRORS, "NOT_FOUND", ...ALWAYS],
    },
    async handle({ request, db, requestId }) {
      const query = parseQuery(supportedQuerySchema, new URL(request.url).searchParams);
      const project = await resolvePublicProject(db, request, query.projectId);
      const supported = await getSupported(db, { projectId: project.projectId, mode: project.mode, orderType: query.orderType, country: query.country });
      return json({ success: true, data: { ...supported, livemode: project.mode === "live" } }, {}, requestId);
    },
  }),
};
