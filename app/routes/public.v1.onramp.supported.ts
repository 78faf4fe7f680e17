/**
 * GET /public/v1/onramp/supported?projectId=[&orderType=buy|sell&country=]
 * The currencies, networks, payment methods and gateways a project's checkout offers in
 * its mode (the provider's public docs). No key needed; `Authorization: Bearer pk_…` of
 * the project selects the key's mode. A country nobody serves gives empty lists, not an error.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "~/api/respond.server";
import { parseQuery, publicAction, publicLoader } from "~/quotes/public-api.server";
import { resolvePublicProject } from "~/quotes/public-project.server";
import { supportedQuerySchema } from "~/quotes/schemas";
import { getSupported } from "~/quotes/supported.server";

export function loader(args: LoaderFunctionArgs) {
  return publicLoader(args, async ({ request, db, requestId }) => {
    const query = parseQuery(supportedQuerySchema, new URL(request.url).searchParams);
    const project = await resolvePublicProject(db, request, query.projectId);
    const supported = await getSupported(db, { projectId: project.projectId, mode: project.mode, orderType: query.orderType, country: query.country });
    return json({ success: true, data: { ...supported, livemode: project.mode === "live" } }, {}, requestId);
  });
}

export function action(args: ActionFunctionArgs) {
  return publicAction(args);
}
