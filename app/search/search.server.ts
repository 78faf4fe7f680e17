/**
 * Support search: one box that takes whatever the customer quoted (an id, their account
 * id at the partner, an email, a wallet address, a transaction hash or a metadata pair)
 * and finds the session, order or customer, within one project and mode.
 *
 * Every lookup is an equality (or jsonb containment) on an indexed column, so a search
 * costs a handful of index probes at any table size: no ILIKE scans.
 */
import { and, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { checkoutSession, customer, event, order, requestLog } from "~db/schema";
import { gatewayById } from "~/gateways/catalogue";
import type { ListScope } from "~/api/keyset.server";
import { parseSearchQuery, type SearchKind } from "./query";

interface SearchHit {
  kind: "session" | "order" | "customer" | "event" | "request";
  id: string;
  /** Why it matched, e.g. "wallet address", "metadata orderRef = 42". */
  matched: string;
  title: string;
  status?: string;
  createdAt: string;
}

interface SearchResult {
  query: string;
  kind: SearchKind;
  hits: SearchHit[];
  /** True when a lookup returned its limit: there may be more. */
  truncated: boolean;
}

const PER_LOOKUP = 20;

type SessionRow = typeof checkoutSession.$inferSelect;
type OrderRow = typeof order.$inferSelect;

const sessionHit = (row: SessionRow, matched: string): SearchHit => ({
  kind: "session",
  id: row.id,
  matched,
  title:
    [row.sourceAmount && `${row.sourceAmount} ${row.sourceCurrency}`, row.destinationCurrency && `→ ${row.destinationCurrency}`].filter(Boolean).join(" ") ||
    "Session",
  status: row.status,
  createdAt: row.createdAt.toISOString(),
});

const orderHit = (row: OrderRow, matched: string): SearchHit => ({
  kind: "order",
  id: row.id,
  matched,
  title: `${row.sourceAmount} ${row.sourceCurrency} → ${row.destinationCurrency} via ${gatewayById(row.gatewayId)?.name ?? row.gatewayId}`,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
});

const customerHit = (row: typeof customer.$inferSelect, matched: string): SearchHit => ({
  kind: "customer",
  id: row.id,
  matched,
  title: row.externalId ?? row.email ?? "Customer",
  createdAt: row.createdAt.toISOString(),
});

function sessions(scope: ListScope, where: SQL) {
  return scope.db
    .select()
    .from(checkoutSession)
    .where(and(eq(checkoutSession.projectId, scope.projectId), eq(checkoutSession.mode, scope.mode), where))
    .orderBy(desc(checkoutSession.createdAt), desc(checkoutSession.id))
    .limit(PER_LOOKUP);
}

function orders(scope: ListScope, where: SQL) {
  return scope.db
    .select()
    .from(order)
    .where(and(eq(order.projectId, scope.projectId), eq(order.mode, scope.mode), where))
    .orderBy(desc(order.createdAt), desc(order.id))
    .limit(PER_LOOKUP);
}

function customers(scope: ListScope, where: SQL) {
  return scope.db
    .select()
    .from(customer)
    .where(and(eq(customer.projectId, scope.projectId), eq(customer.mode, scope.mode), where))
    .orderBy(desc(customer.createdAt), desc(customer.id))
    .limit(PER_LOOKUP);
}

/** Runs the lookups the query's shape calls for. */
export async function search(scope: ListScope, raw: string): Promise<SearchResult> {
  const parsed = parseSearchQuery(raw);
  const q = parsed.value;
  const lookups: Promise<SearchHit[]>[] = [];
  switch (parsed.kind) {
    case "empty":
      break;
    case "session-id":
      lookups.push(sessions(scope, eq(checkoutSession.id, q)).then((rows) => rows.map((r) => sessionHit(r, "session id"))));
      break;
    case "order-id":
      lookups.push(orders(scope, eq(order.id, q)).then((rows) => rows.map((r) => orderHit(r, "order id"))));
      break;
    case "customer-id":
      lookups.push(customers(scope, eq(customer.id, q)).then((rows) => rows.map((r) => customerHit(r, "customer id"))));
      break;
    case "transaction-id":
      lookups.push(orders(scope, eq(order.transactionId, q)).then((rows) => rows.map((r) => orderHit(r, "transaction id"))));
      break;
    case "event-id":
      lookups.push(
        scope.db
          .select({ id: event.id, type: event.type, createdAt: event.createdAt })
          .from(event)
          .where(and(eq(event.id, q), eq(event.projectId, scope.projectId), eq(event.mode, scope.mode)))
          .limit(1)
          .then((rows) => rows.map((r) => ({ kind: "event" as const, id: r.id, matched: "event id", title: r.type, createdAt: r.createdAt.toISOString() }))),
      );
      break;
    case "request-id":
      // Through the request log's id index, scoped like every lookup (another project's request is not found).
      lookups.push(
        scope.db
          .select({ id: requestLog.id, method: requestLog.method, path: requestLog.path, status: requestLog.status, createdAt: requestLog.createdAt })
          .from(requestLog)
          .where(and(eq(requestLog.id, q), eq(requestLog.projectId, scope.projectId), eq(requestLog.mode, scope.mode)))
          .limit(1)
          .then((rows) =>
            rows.map((r) => ({
              kind: "request" as const,
              id: r.id,
              matched: "request id",
              title: `${r.method} ${r.path} → ${r.status}`,
              createdAt: r.createdAt.toISOString(),
            })),
          ),
      );
      break;
    case "email":
      lookups.push(
        orders(scope, eq(order.email, q)).then((rows) => rows.map((r) => orderHit(r, "email"))),
        customers(scope, eq(customer.email, q)).then((rows) => rows.map((r) => customerHit(r, "email"))),
      );
      break;
    case "metadata": {
      // jsonb containment uses the GIN (jsonb_path_ops) indexes on both tables.
      const contains = (column: typeof checkoutSession.metadata | typeof order.metadata, wrap: (pair: object) => object) =>
        or(...parsed.candidates.map((v) => sql`${column} @> ${JSON.stringify(wrap({ [parsed.key]: v }))}::jsonb`))!;
      const shown = `${parsed.key} = ${String(parsed.candidates[0])}`;
      lookups.push(
        sessions(
          scope,
          contains(checkoutSession.metadata, (pair) => pair),
        ).then((rows) => rows.map((r) => sessionHit(r, `metadata ${shown}`))),
        orders(
          scope,
          contains(order.metadata, (pair) => ({ partnerMetadata: pair })),
        ).then((rows) => rows.map((r) => orderHit(r, `partnerMetadata ${shown}`))),
      );
      break;
    }
    case "text":
      // Anything else may be an external customer id, a wallet address or a transaction hash:
      // each is an indexed equality, so trying all of them is cheap.
      lookups.push(
        customers(scope, eq(customer.externalId, q)).then((rows) => rows.map((r) => customerHit(r, "external customer id"))),
        sessions(scope, or(eq(checkoutSession.externalCustomerId, q), eq(checkoutSession.destinationAddress, q))!).then((rows) =>
          rows.map((r) => sessionHit(r, r.destinationAddress === q ? "wallet address" : "external customer id")),
        ),
        orders(scope, or(eq(order.transactionHash, q), eq(order.destinationAddress, q))!).then((rows) =>
          rows.map((r) => orderHit(r, r.transactionHash === q ? "transaction hash" : "wallet address")),
        ),
      );
      break;
  }
  const groups = await Promise.all(lookups);
  return { query: q, kind: parsed.kind, hits: groups.flat(), truncated: groups.some((g) => g.length >= PER_LOOKUP) };
}

/** Where a hit's page is in the console. */
export function hitPath(base: string, hit: Pick<SearchHit, "kind" | "id">): string {
  const section = { session: "sessions", order: "orders", customer: "customers", event: "events", request: "logs" }[hit.kind];
  return `${base}/${section}/${hit.id}`;
}
