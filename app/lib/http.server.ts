/** Thrown responses that the console's error boundary renders as readable pages. */
import { data } from "@remix-run/node";

export function notFound(message = "We couldn't find that page."): never {
  throw data({ message }, { status: 404 });
}

export function forbidden(message = "Your role doesn't allow this. Ask an admin of your organization."): never {
  throw data({ message }, { status: 403 });
}

export function badRequest(message: string): never {
  throw data({ message }, { status: 400 });
}

export { safeRedirectPath } from "./safe-redirect";
