/**
 * The session list (GET /v1/sessions and the console's session browser): one query
 * module, so the API and the console can't drift. The filters and keyset paging of docs/api-contract.md#lists.
 */
import type { SQL } from "drizzle-orm";
import { checkoutSession, type SessionStatus } from "~db/schema";
import { keysetPage, type KeysetOptions, type KeysetSource, type ListPage, type ListScope } from "~/api/keyset.server";
import type { ListQuery } from "~/api/list-params";

export type SessionRow = typeof checkoutSession.$inferSelect;

const sessions: KeysetSource<typeof checkoutSession> = {
  table: checkoutSession,
  noun: "session",
  columns: {
    id: checkoutSession.id,
    projectId: checkoutSession.projectId,
    mode: checkoutSession.mode,
    createdAt: checkoutSession.createdAt,
    status: checkoutSession.status,
    type: checkoutSession.type,
    destinationCurrency: checkoutSession.destinationCurrency,
    network: checkoutSession.network,
  },
};

/**
 * A page of the scope's sessions, newest first. Throws DomainError VALIDATION_ERROR for an
 * unknown cursor (or both cursors). `extra` narrows further (console search), same scope.
 */
export function listSessions(
  ctx: ListScope,
  params: ListQuery<SessionStatus> = {},
  extra: SQL[] = [],
  options: KeysetOptions = {},
): Promise<ListPage<SessionRow>> {
  return keysetPage(ctx, sessions, params, extra, options);
}
