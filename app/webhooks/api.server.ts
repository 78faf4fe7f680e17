/** The webhook endpoint API (secret key): list, create, get, update (and roll the secret), delete. */
import { ApiError } from "../api/errors";
import { authenticate, handleApi, json, parseBody, type ApiRequest } from "../api/respond.server";
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, rollSecret, serializeEndpoint, updateEndpoint } from "./endpoints.server";
import { createEndpointSchema, rollSecretSchema, updateEndpointSchema } from "./schemas";

type RouteArgs = { request: Request; params: Record<string, string | undefined> };

async function jsonBody(request: Request): Promise<unknown> {
  const raw = await request.text();
  if (!raw.trim()) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiError("VALIDATION_ERROR", "The request body is not valid JSON.", [{ field: "body", message: "Send a JSON object." }]);
  }
}

/** GET /v1/webhook_endpoints — every endpoint of the key's project and mode (at most 20). */
export function listEndpointsRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId }: ApiRequest) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const rows = await listEndpoints(ctx);
    return json({ object: "list", url: "/v1/webhook_endpoints", has_more: false, data: rows.map((r) => serializeEndpoint(r)) }, {}, requestId);
  });
}

/** POST /v1/webhook_endpoints — the answer carries the signing secret (shown once in live mode). */
export function createEndpointRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId }: ApiRequest) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const input = parseBody(createEndpointSchema, await jsonBody(request));
    const { endpoint, secret } = await createEndpoint(ctx, input);
    return json(serializeEndpoint(endpoint, secret), { status: 201 }, requestId);
  });
}

export function getEndpointRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId, params }: ApiRequest) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    return json(serializeEndpoint(await getEndpoint(ctx, params.endpointId ?? "")), {}, requestId);
  });
}

/**
 * POST /v1/webhook_endpoints/:id — update url, description, enabledEvents, status; with
 * `rollSecret: { graceHours }` also roll the secret (the new one is in the answer).
 */
export function updateEndpointRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId, params }: ApiRequest) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const body = await jsonBody(request);
    const { rollSecret: roll, ...rest } = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
    const input = parseBody(updateEndpointSchema.strict(), rest);
    const id = params.endpointId ?? "";
    let endpoint = await updateEndpoint(ctx, id, input);
    let secret: string | undefined;
    if (roll !== undefined) {
      const { graceHours } = parseBody(rollSecretSchema, roll === true ? {} : roll);
      ({ endpoint, secret } = await rollSecret(ctx, id, graceHours));
    }
    return json(serializeEndpoint(endpoint, secret), {}, requestId);
  });
}

export function deleteEndpointRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId, params }: ApiRequest) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const deleted = await deleteEndpoint(ctx, params.endpointId ?? "");
    return json({ type: "webhook_endpoint", id: deleted.id, deleted: true }, {}, requestId);
  });
}
