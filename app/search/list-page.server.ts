/**
 * The console's list pages (sessions, orders, customers) read the URL exactly as the list
 * API reads its query string (parseListParams) and call the API's own list modules, so a
 * console URL and a GET /v1/… call with the same parameters show the same rows.
 */
import { ORDER_STATUSES, SESSION_STATUSES } from "../../db/schema";
import type { ListPage } from "../api/keyset.server";
import { CRYPTO_CURRENCIES, NETWORKS } from "../gateways/catalogue";
import { DomainError } from "~/lib/domain-error";
import { parseListParams, type ListParams } from "../api/list-params";
import { pagerCursors, type PagerCursors } from "../ui/cursor-pager";

export interface ListPageResult<Item> {
  items: Item[];
  cursors: PagerCursors;
  /** Bad parameters or an unknown cursor, worded for the page (the API's messages). */
  error: { message: string; details: { field: string; message: string }[] } | null;
  filtered: boolean;
}

export async function loadListPage<Row extends { id: string }, Item, S extends string>(
  url: URL,
  statuses: readonly S[],
  list: (params: ListParams<S>) => Promise<ListPage<Row>>,
  toItem: (row: Row) => Item,
): Promise<ListPageResult<Item>> {
  try {
    const params = parseListParams(url.searchParams, { statuses });
    const page = await list(params);
    const filtered = Boolean(params.status || params.destinationCurrency || params.destinationNetwork || Object.keys(params.created).length);
    return {
      items: page.data.map(toItem),
      cursors: pagerCursors({ ids: page.data.map((r) => r.id), hasMore: page.hasMore, startingAfter: params.startingAfter, endingBefore: params.endingBefore }),
      error: null,
      filtered,
    };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { items: [], cursors: { previous: null, next: null }, error: { message: error.message, details: error.details ?? [] }, filtered: true };
  }
}

/** The filter choices a list page offers: exactly the values the list API accepts. */
function filterOptions<S extends string>(statuses: readonly S[]) {
  return { statuses, currencies: CRYPTO_CURRENCIES.map((c) => c.code), networks: NETWORKS.map((n) => ({ id: n.id, name: n.name })) };
}
export const SESSION_FILTERS = filterOptions(SESSION_STATUSES);
export const ORDER_FILTERS = filterOptions(ORDER_STATUSES);
