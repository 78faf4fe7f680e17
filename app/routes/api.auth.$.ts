import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getAuth } from "~/lib/auth.server";

// better-auth's own endpoints (/api/auth/*), used by its client and by tests.
export async function loader({ request }: LoaderFunctionArgs) {
  return (await getAuth()).handler(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return (await getAuth()).handler(request);
}
