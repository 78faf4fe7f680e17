/** Makes another of the user's organizations the active one (the organization menu in the console's header). */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { userActions, userIntent } from "~/lib/actions.server";
import { getDb } from "~/lib/db.server";
import { switchOrganization } from "~/orgs/orgs.server";

export const action = (args: ActionFunctionArgs) =>
  userActions({
    switch: userIntent({
      schema: z.object({ organizationId: z.string().min(1, "Choose an organization.") }),
      run: async (ctx, { organizationId }) => {
        const headers = await switchOrganization(await getDb(), ctx.user.id, args.request.headers, organizationId);
        throw redirect("/", { headers });
      },
    }),
  })(args);

export async function loader() {
  return redirect("/");
}
