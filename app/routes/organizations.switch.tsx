import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { cookieHeaders } from "~/lib/auth-calls.server";
import { getAuth } from "~/lib/auth.server";
import { badRequest, forbidden } from "~/lib/http.server";
import { listMemberships, requireUser } from "~/lib/permissions.server";
import { getDb } from "~/lib/db.server";

/** Makes another of the user's organizations the active one. */
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const organizationId = (await request.formData()).get("organizationId");
  if (typeof organizationId !== "string" || !organizationId) badRequest("Choose an organization.");
  const memberships = await listMemberships(await getDb(), user.id);
  if (!memberships.some((m) => m.organizationId === organizationId)) forbidden("You are not a member of that organization.");
  const auth = await getAuth();
  const result = await auth.api.setActiveOrganization({ body: { organizationId }, headers: request.headers, returnHeaders: true });
  return redirect("/", { headers: cookieHeaders(result.headers) });
}

export async function loader() {
  return redirect("/");
}
