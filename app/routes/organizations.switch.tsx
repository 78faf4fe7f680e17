/** Makes another of the user's organizations the active one (the organization menu in the console's header). */
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { userActions, userIntent } from "~/lib/actions";
import { getDb } from "~/lib/db.server";
import { switchOrganization } from "~/orgs/orgs.server";

export const action = userActions({
  switch: userIntent({
    schema: z.object({ organizationId: z.string().min(1, "Choose an organization.") }),
    run: async (ctx, { organizationId }, _form, { request }) => {
      const headers = await switchOrganization(await getDb(), ctx.user.id, request.headers, organizationId);
      throw redirect("/", { headers });
    },
  }),
});

export async function loader() {
  return redirect("/");
}
