/** The console's customer list: keyset pages over (created_at, id), like the session and order lists. */
import { customer } from "~db/schema";
import { DomainError } from "~/lib/domain-error";
import { keysetPage, type KeysetSource, type ListPage, type ListScope } from "~/api/keyset.server";
import type { ListQuery } from "~/api/list-params";
import { withOrderEmails } from "./customers.server";

type CustomerRow = typeof customer.$inferSelect;

const customers: KeysetSource<typeof customer> = {
  table: customer,
  noun: "customer",
  columns: { id: customer.id, projectId: customer.projectId, mode: customer.mode, createdAt: customer.createdAt },
};

/** A page of the scope's customers, newest first (an email from their orders when they have none of their own); they have no status, currency or network to filter by. */
export async function listCustomers(ctx: ListScope, params: ListQuery = {}): Promise<ListPage<CustomerRow>> {
  const unsupported = (["destinationCurrency", "destinationNetwork"] as const).filter((k) => params[k]);
  if (unsupported.length) {
    throw new DomainError(
      "VALIDATION_ERROR",
      "Invalid query parameters.",
      unsupported.map((k) => ({
        field: k === "destinationCurrency" ? "destination_currency" : "destination_network",
        message: "Customers can't be filtered by this.",
      })),
    );
  }
  const page = await keysetPage(ctx, customers, params);
  return { ...page, data: await withOrderEmails(ctx.db, ctx, page.data) };
}
