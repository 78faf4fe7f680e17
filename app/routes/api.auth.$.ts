import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getAuth } from "~/lib/auth.server";

/**
 * Two-factor is managed through the console's own pages, which add what better-auth's endpoints
 * do not: an organization's requirement (no turning it off while required) and the audit log.
 * Its endpoints are therefore not served to browsers; the console calls them on the server.
 */
function servedToBrowsers(request: Request) {
  let path: string;
  try {
    // Decoded and with slashes collapsed, so `//two-factor` or `%74wo-factor` do not slip by.
    path = decodeURIComponent(new URL(request.url).pathname).replace(/\/+/g, "/").toLowerCase();
  } catch {
    return false;
  }
  return !path.includes("/two-factor/");
}

const notFound = () => Response.json({ message: "Not found", code: "NOT_FOUND" }, { status: 404 });

// better-auth's own endpoints (/api/auth/*), used by its client and by tests.
export async function loader({ request }: LoaderFunctionArgs) {
  if (!servedToBrowsers(request)) return notFound();
  return (await getAuth()).handler(request);
}

export async function action({ request }: ActionFunctionArgs) {
  if (!servedToBrowsers(request)) return notFound();
  return (await getAuth()).handler(request);
}
