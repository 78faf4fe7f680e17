/** GET /v1/sessions — the project's sessions, newest first, filtered and paged as docs/api-contract.md#lists says (secret key). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listBody } from "~/api/keyset.server";
import { parseListParams } from "~/api/list-params";
import { authenticate, handleApi, json, methodNotAllowed } from "~/api/respond.server";
import { schema } from "~/lib/db.server";
import { listSessions } from "~/sessions/list.server";
import { createSessionRoute } from "~/sessions/api.server";
import { serializeSession } from "~/sessions/serialize";

export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi({ request, params }, async ({ request, db, requestId }) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const query = parseListParams(new URL(request.url).searchParams, { statuses: schema.SESSION_STATUSES });
    const page = await listSessions(ctx, query);
    return json(listBody("/v1/sessions", page, serializeSession), {}, requestId);
  });
}

/** POST /v1/sessions — create a session (secret key); see app/sessions/api.server.ts. */
// DELETE, PUT and PATCH are not a POST: 405 (Remix sends every non-GET method to the action).
export const action = (args: ActionFunctionArgs) => (!["DELETE", "PUT", "PATCH"].includes(args.request.method) ? createSessionRoute(args) : handleApi(args, async () => methodNotAllowed(["GET", "POST"])));
