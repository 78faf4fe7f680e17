/**
 * The order list and lookup (GET /v1/orders, GET /v1/orders/:id and the console's order
 * browser): one query module for the API and the console. The filters and keyset paging of docs/api-contract.md#lists.
 */
import { and, eq, type SQL } from "drizzle-orm";
import { order, type OrderStatus } from "~db/schema";
import { keysetPage, type KeysetOptions, type KeysetSource, type ListPage, type ListScope } from "~/api/keyset.server";
import type { ListQuery } from "~/api/list-params";

export type OrderRow = typeof order.$inferSelect;

const orders: KeysetSource<typeof order> = {
  table: order,
  noun: "order",
  columns: {
    id: order.id,
    projectId: order.projectId,
    mode: order.mode,
    createdAt: order.createdAt,
    status: order.status,
    type: order.type,
    destinationCurrency: order.destinationCurrency,
    network: order.network,
  },
};

/** A page of the scope's orders, newest first. Throws DomainError VALIDATION_ERROR for an unknown cursor. */
export function listOrders(ctx: ListScope, params: ListQuery<OrderStatus> = {}, extra: SQL[] = [], options: KeysetOptions = {}): Promise<ListPage<OrderRow>> {
  return keysetPage(ctx, orders, params, extra, options);
}

/** The order with this id in the scope's project and mode, or null: another tenant's id is simply not found. */
export async function getOrder(ctx: ListScope, id: string): Promise<OrderRow | null> {
  const [row] = await ctx.db
    .select()
    .from(order)
    .where(and(eq(order.id, id), eq(order.projectId, ctx.projectId), eq(order.mode, ctx.mode)))
    .limit(1);
  return row ?? null;
}
