import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { cookieHeaders } from "~/lib/auth-calls.server";
import { getAuth } from "~/lib/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth();
  try {
    const result = await auth.api.signOut({ headers: request.headers, returnHeaders: true });
    return redirect("/login", { headers: cookieHeaders(result.headers) });
  } catch {
    return redirect("/login");
  }
}

export async function loader() {
  return redirect("/");
}
