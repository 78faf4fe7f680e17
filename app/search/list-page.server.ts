/**
 * The console's list pages (sessions, orders, customers) read the URL exactly as the list
 * API reads its query string (parseListParams) and call the API's own list modules, so a
 * console URL and a GET /v1/… call with the same parameters show the same rows.
 */
import { ORDER_STATUSES, ORDER_TYPES, SESSION_STATUSES, SESSION_TYPES } from "~db/schema";
import type { ListPage } from "~/api/keyset.server";
import { CRYPTO_CURRENCIES, NETWORKS } from "~/gateways/catalogue";
import { isDomainError, type ErrorDetail } from "~/lib/domain-error";
import { parseListParams, type ListParams } from "~/api/list-params";
import { pagerCursors, type PagerCursors } from "~/ui/cursor-pager";

/** Bad list parameters or an unknown cursor, in the list API's words. */
interface ListParameterProblem {
  message: string;
  details: ErrorDetail[];
}

/**
 * The one place a list's DomainError is turned into something other than an error page:
 * a VALIDATION_ERROR from reading the list's parameters (or its cursor) is explained above
 * the list (and in the CSV export's 400); anything else is not a parameter problem (null).
 */
export function listParameterProblem(error: unknown): ListParameterProblem | null {
  return isDomainError(error, "VALIDATION_ERROR") ? { message: error.message, details: error.details ?? [] } : null;
}

interface ListPageResult<Item> {
  items: Item[];
  cursors: PagerCursors;
  error: ListParameterProblem | null;
  filtered: boolean;
}

export async function loadListPage<Row extends { id: string }, Item, S extends string>(
  url: URL,
  accepted: { statuses: readonly S[]; types?: readonly string[] },
  list: (params: ListParams<S>) => Promise<ListPage<Row>>,
  toItem: (row: Row) => Item,
): Promise<ListPageResult<Item>> {
  try {
    const params = parseListParams(url.searchParams, accepted);
    const page = await list(params);
    const filtered = Boolean(params.status || params.type || params.destinationCurrency || params.destinationNetwork || Object.keys(params.created).length);
    return {
      items: page.data.map(toItem),
      cursors: pagerCursors({ ids: page.data.map((r) => r.id), hasMore: page.hasMore, startingAfter: params.startingAfter, endingBefore: params.endingBefore }),
      error: null,
      filtered,
    };
  } catch (error) {
    const problem = listParameterProblem(error);
    if (!problem) throw error;
    return { items: [], cursors: { previous: null, next: null }, error: problem, filtered: true };
  }
}

/** The filter choices a list page offers: exactly the values the list API accepts (its `type`s with the console's labels). */
function filterOptions<S extends string, T extends string>(statuses: readonly S[], types: readonly T[], typeLabels: Record<T, string>) {
  return {
    statuses,
    types,
    typeLabels,
    currencies: CRYPTO_CURRENCIES.map((c) => c.code),
    networks: NETWORKS.map((n) => ({ id: n.id, name: n.name })),
  };
}
export const SESSION_FILTERS = filterOptions(SESSION_STATUSES, SESSION_TYPES, { onramp: "Buy", offramp: "Sell" });
export const ORDER_FILTERS = filterOptions(ORDER_STATUSES, ORDER_TYPES, { buy: "Buy", sell: "Sell" });
