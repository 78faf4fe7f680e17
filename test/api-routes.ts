/**
 * The route module that serves each API endpoint of the registry, for suites that call every
 * endpoint as a partner's HTTP client would (test/api-security.test.ts, test/api-fuzz.test.ts).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Endpoint } from "~/api/endpoint.server";

export type Route = (args: LoaderFunctionArgs) => Promise<Response> | Response;
export interface RouteModule {
  loader?: Route;
  action?: Route;
}

// Every API route module, loaded as the app has them now (files still being written are picked up as they appear).
const ROUTE_MODULES = import.meta.glob<RouteModule>(["../app/routes/v1.*.ts", "../app/routes/public.v1.*.ts"], { eager: true });

/** Remix flat-route file → the path template it serves: dots are slashes, `[.]` a dot, `$id` `{id}`. */
function routePath(file: string): string {
  const name = file
    .replace(/^.*\//, "")
    .replace(/\.tsx?$/, "")
    .replaceAll("[.]", "\u0000");
  return `/${name
    .split(".")
    .map((s) => s.replaceAll("\u0000", "."))
    .map((s) => (s.startsWith("$") ? `{${s.slice(1)}}` : s))
    .join("/")}`;
}

export const ROUTES = new Map(Object.entries(ROUTE_MODULES).map(([file, module]) => [routePath(file), module]));

/** The module serving an endpoint's path. */
export function moduleOf(endpoint: Pick<Endpoint, "path">): RouteModule | undefined {
  return ROUTES.get(endpoint.path);
}

/** The handler a request with `method` reaches, as Remix dispatches: GET, HEAD and OPTIONS to the loader, everything else to the action. */
export function handlerFor(module: RouteModule | undefined, method: string): Route | undefined {
  return ["GET", "HEAD", "OPTIONS"].includes(method) ? module?.loader : module?.action;
}

/** The handler a request to the endpoint reaches: its route's loader (GET) or action (POST, DELETE). */
export function routeOf(endpoint: Pick<Endpoint, "method" | "path">): Route | undefined {
  return handlerFor(moduleOf(endpoint), endpoint.method);
}
