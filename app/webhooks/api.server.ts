/** The webhook endpoint API (secret key): list, create, get, update (and roll the secret), delete. */
import { withIdempotency } from "../api/idempotency.server";
import { authenticate, handleApi, json, parseBody, parseJsonBody, type ApiContext, type ApiRequest } from "../api/respond.server";
import { decryptSecret } from "../lib/crypto.server";
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, rollSecret, serializeEndpoint, updateEndpoint } from "./endpoints.server";
import { createEndpointSchema, updateEndpointApiSchema } from "./schemas";

type RouteArgs = { request: Request; params: Record<string, string | undefined> };

/**
 * Idempotency-Key for answers that carry a signing secret. The stored answer (kept 24 h in
 * plaintext) must not hold the secret, so it is stored without it and added on the way out:
 * from memory on the first answer, decrypted from the endpoint on a replay.
 */
async function idempotentWithSecret(ctx: ApiContext, request: Request, raw: string, run: (ctx: ApiContext) => Promise<{ response: Response; secret?: string }>) {
  let secret: string | undefined;
  const response = await withIdempotency(ctx, request, raw, async (ctx) => {
    const result = await run(ctx);
    secret = result.secret;
    return result.response;
  });
  if (response.status >= 300) return response;
  const body = (await response.clone().json()) as { id: string; attributes: Record<string, unknown>; secretIncluded?: boolean };
  if (!body.secretIncluded) return response;
  secret ??= decryptSecret((await getEndpoint(ctx, body.id)).secretCiphertext);
  const { secretIncluded: _flag, ...rest } = body;
  return json({ ...rest, attributes: { ...rest.attributes, secret } }, { status: response.status, headers: Object.fromEntries(response.headers) });
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
    const raw = await request.text();
    return idempotentWithSecret(ctx, request, raw, async (ctx) => {
      const input = parseBody(createEndpointSchema, parseJsonBody(raw));
      const { endpoint, secret } = await createEndpoint(ctx, input);
      return { response: json({ ...serializeEndpoint(endpoint), secretIncluded: true }, { status: 201 }, requestId), secret };
    });
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
    const raw = await request.text();
    return idempotentWithSecret(ctx, request, raw, async (ctx) => {
      const { rollSecret: roll, ...input } = parseBody(updateEndpointApiSchema, parseJsonBody(raw));
      const id = params.endpointId ?? "";
      const changes = Object.values(input).some((value) => value !== undefined);
      let endpoint = changes ? await updateEndpoint(ctx, id, input) : await getEndpoint(ctx, id);
      let secret: string | undefined;
      if (roll !== undefined) ({ endpoint, secret } = await rollSecret(ctx, id, roll === true ? 24 : roll.graceHours));
      return { response: json({ ...serializeEndpoint(endpoint), ...(secret ? { secretIncluded: true } : {}) }, {}, requestId), secret };
    });
  });
}

export function deleteEndpointRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId, params }: ApiRequest) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const deleted = await deleteEndpoint(ctx, params.endpointId ?? "");
    return json({ type: "webhook_endpoint", id: deleted.id, deleted: true }, {}, requestId);
  });
}
