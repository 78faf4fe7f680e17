/** The context of a person's own account pages: who they are, as the audit log records them. */
import { getDb } from "~/lib/db.server";
import { actorFrom, type SessionUser } from "~/lib/permissions.server";
import type { AccountContext } from "./two-factor.server";

export async function accountContext(request: Request, user: SessionUser): Promise<AccountContext> {
  return { db: await getDb(), user, actor: { ...actorFrom(request, user), userId: user.id } };
}
