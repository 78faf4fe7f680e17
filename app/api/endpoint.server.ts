/**
 * An API endpoint is one definition: its method and path, who may call it (`auth`), its
 * OpenAPI operation and its handler, side by side in its domain's api module. A route file
 * maps methods to endpoints with `apiResource`, which answers everything else the same way
 * for every resource: 405 METHOD_NOT_ALLOWED with `Allow`, HEAD as GET without a body, OPTIONS
 * without running a handler, and the CORS headers of the endpoint's auth kind.
 * app/api/registry.server.ts lists every endpoint, for the OpenAPI document and the security suite.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { KeyPermission } from "~/keys/permissions";
import { DomainError } from "~/lib/domain-error";
import { newId } from "~/lib/ids";
import { assertBrowserOrigin, CORS_POLICIES, corsHeaders } from "./cors.server";
import { callerOf, captureRequest, requestLogEnabled } from "~/request-logs/record.server";
import type { Auth, DescribedEndpoint, EndpointMethod, Operation } from "./openapi/operation";
import { authenticate, handleApi, methodNotAllowed, type ApiContext, type ApiRequest } from "./respond.server";

export type { Auth, EndpointMethod } from "./openapi/operation";

type KeyedAuth = Extract<Auth, "secret" | "publishable" | "clientSecret">;

/** A keyed endpoint's handler gets the key's context, already authenticated (and rate limited). */
export type KeyedRequest = ApiRequest & { ctx: ApiContext };

export interface Endpoint extends DescribedEndpoint {
  handle(input: ApiRequest): Promise<Response>;
}

interface EndpointSpec<A extends Auth> {
  method: EndpointMethod;
  path: string;
  auth: A;
  operation: Operation;
  handle(input: A extends KeyedAuth ? KeyedRequest : ApiRequest): Promise<Response>;
}

/** A keyed endpoint names the permission a restricted key needs for it (app/keys/permissions.ts); others name none. */
type PermissionSpec<A extends Auth> = A extends KeyedAuth ? { permission: KeyPermission } : { permission?: never };

function isKeyed(auth: Auth): auth is KeyedAuth {
  return auth === "secret" || auth === "publishable" || auth === "clientSecret";
}

/**
 * Defines an endpoint. For a keyed one the declared auth is the enforced one: the key is
 * checked before the handler runs, so a handler cannot forget it. Public endpoints resolve
 * their project themselves (app/api/public.server.ts), as the project is named by the request.
 */
export function apiEndpoint<A extends Auth>(spec: EndpointSpec<A> & PermissionSpec<A>): Endpoint {
  const { handle, ...described } = spec;
  const takesQuery = (spec.operation.parameters ?? []).some((p) => p.in === "query");
  if (!isKeyed(spec.auth)) {
    const open = handle as Endpoint["handle"];
    // The API's own description stays lenient (tools add cache-busting parameters); others refuse what they don't take.
    if (takesQuery || spec.auth === "none") return { ...described, handle: open };
    return { ...described, handle: async (input) => (refuseQuery(input.request), open(input)) };
  }
  const requirement = spec.auth === "secret" ? "secret" : "any";
  const keyed = handle as (input: KeyedRequest) => Promise<Response>;
  const browser = CORS_POLICIES[spec.auth] !== null;
  return {
    ...described,
    handle: async (input) => {
      const ctx = await authenticate(input.request, input.db, requirement, input.requestId, spec.permission);
      // Endpoints a web page may call check the page's origin before anything runs (app/api/cors.server.ts).
      if (browser) assertBrowserOrigin(input.request, { kind: ctx.key.kind, mode: ctx.mode, allowedOrigins: ctx.key.allowedRedirectOrigins ?? [] });
      if (!takesQuery) refuseQuery(input.request);
      return keyed({ ...input, ctx });
    },
  };
}

/**
 * An endpoint that takes no query parameters refuses any, as Stripe does: a parameter sent where it means nothing is
 * a client's mistake (a filter on the wrong URL, a body field put in the query) that silence would hide.
 * Endpoints with query parameters parse them strictly themselves (list-params.ts, app/api/public.server.ts).
 */
function refuseQuery(request: Request) {
  const names = [...new Set(new URL(request.url).searchParams.keys())];
  if (!names.length) return;
  throw new DomainError(
    "VALIDATION_ERROR",
    "This endpoint takes no query parameters.",
    names.map((name) => ({ field: name, message: `Received unknown parameter: ${name}. Send fields in the JSON body, or remove the parameter.` })),
  );
}

// ---------------------------------------------------------------------------------------
// Resources: the route module of one path.
// ---------------------------------------------------------------------------------------

type RouteArgs = LoaderFunctionArgs | ActionFunctionArgs;

export interface ApiResource {
  loader: (args: LoaderFunctionArgs) => Promise<Response>;
  action: (args: ActionFunctionArgs) => Promise<Response>;
}

/**
 * A route module's `loader` and `action` (Remix sends GET, HEAD and OPTIONS to the loader and
 * every other method to the action; both dispatch here):
 * `export const { loader, action } = apiResource({ GET: listSessions, POST: createSession });`
 */
export function apiResource(methods: Partial<Record<EndpointMethod, Endpoint>>): ApiResource {
  const endpoints = Object.entries(methods) as [EndpointMethod, Endpoint][];
  for (const [method, endpoint] of endpoints) {
    if (endpoint.method !== method) throw new Error(`apiResource: ${endpoint.operation.operationId} is a ${endpoint.method} endpoint, mapped to ${method}`);
  }
  // The resource's own answers (preflight, 405) follow its first endpoint's policy.
  const resourceAuth = endpoints[0]?.[1].auth;
  const preflight = endpoints.some(([, endpoint]) => CORS_POLICIES[endpoint.auth]?.preflight);
  const allowed = [...endpoints.map(([method]) => method), ...(preflight ? ["OPTIONS"] : [])];
  const allow = allowed.join(", ");

  // The request log's endpoint pattern (`POST /v1/sessions/:id/order`), per method.
  const resourcePath = endpoints[0] ? endpointPattern("", endpoints[0][1].path).trim() : null;

  async function answer({ request: received, params }: RouteArgs): Promise<Response> {
    const startedAt = performance.now();
    const head = received.method === "HEAD";
    const endpoint = methods[(head ? "GET" : received.method) as EndpointMethod];
    const requestId = newId("req");
    const { request, body: requestBody } = await readForLog(received);
    let response: Response;
    if (request.method === "OPTIONS") {
      response = new Response(null, { status: 204, headers: { Allow: allow, "Cache-Control": "no-store", "Request-Id": requestId } });
    } else {
      response = await handleApi({ request, params }, endpoint ? endpoint.handle : async () => methodNotAllowed(allowed), requestId);
    }
    for (const [name, value] of Object.entries(corsHeaders(endpoint?.auth ?? resourceAuth, request, allow))) response.headers.set(name, value);
    if (callerOf(request) && requestLogEnabled()) {
      // The answer is read once here and sent from that text (cheaper than a clone's tee); a stream (the event stream)
      // never ends, so it is logged without its body.
      const streaming = response.headers.get("content-type")?.startsWith("text/event-stream") ?? false;
      const responseBody = head || streaming || !response.body ? null : await response.text();
      if (!streaming) response = new Response(responseBody, { status: response.status, headers: response.headers });
      captureRequest({
        request,
        requestId,
        source: "api",
        endpoint: resourcePath ? `${request.method} ${resourcePath}` : null,
        params,
        startedAt,
        requestBody,
        response,
        responseBody,
      });
    }
    return head ? new Response(null, { status: response.status, headers: response.headers }) : response;
  }
  return { loader: answer, action: answer };
}

/** `/v1/sessions/{sessionId}/order` → `POST /v1/sessions/:id/order`: the request log's endpoint filter and grouping. */
export function endpointPattern(method: string, path: string): string {
  return `${method} ${path.replace(/\{[^}]+\}/g, ":id")}`;
}

/**
 * The request body, read once for the request log; the handler gets a request with the same
 * body. Bodiless methods and a log that is off skip it.
 */
async function readForLog(request: Request): Promise<{ request: Request; body: string | null }> {
  if (!request.body || request.method === "GET" || request.method === "HEAD" || !requestLogEnabled()) return { request, body: null };
  try {
    const body = await request.text();
    return { request: new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal }), body };
  } catch {
    // Unreadable (cut short): the handler meets the same error and answers it.
    return { request, body: null };
  }
}
