/** The webhook endpoint API (secret key): list, create, get, update (and roll the secret), delete. */
import { apiEndpoint } from "~/api/endpoint.server";
import { withIdempotency } from "~/api/idempotency.server";
import { ALWAYS, IDEMPOTENCY_ERRORS, SECRET_ERRORS } from "~/api/openapi/operation";
import { EXAMPLE_IDS, pathParameter } from "~/api/openapi/schema";
import { json, parseBody, parseJsonBody, type ApiContext } from "~/api/respond.server";
import { decryptSecret } from "~/lib/crypto.server";
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, rollSecret, serializeEndpoint, updateEndpoint } from "./endpoints.server";
import {
  createEndpointBody,
  deletedWebhookEndpointObject,
  updateEndpointBody,
  WEBHOOK_EXAMPLES,
  webhookEndpointListObject,
  webhookEndpointObject,
  webhookEndpointResultObject,
  webhookEndpointWithSecretObject,
} from "./openapi.server";
import { createEndpointSchema, updateEndpointApiSchema } from "./schemas";

const endpointIdParameter = pathParameter("endpointId", "The endpoint's id (`we_…`).", EXAMPLE_IDS.endpointId);

/**
 * Idempotency-Key for answers that carry a signing secret. The stored answer (kept 24 h in
 * plaintext) must not hold the secret, so it is stored without it and added on the way out:
 * from memory on the first answer, decrypted from the endpoint on a replay.
 */
async function idempotentWithSecret(
  ctx: ApiContext,
  request: Request,
  raw: string,
  run: (ctx: ApiContext) => Promise<{ response: Response; secret?: string }>,
) {
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

export const webhookEndpointApi = {
  /** GET /v1/webhook_endpoints — every endpoint of the key's project and mode (at most 20). */
  list: apiEndpoint({
    method: "GET",
    path: "/v1/webhook_endpoints",
    auth: "secret",
    permission: "webhook_endpoints:read",
    operation: {
      operationId: "listWebhookEndpoints",
      tag: "Webhooks",
      summary: "List webhook endpoints",
      description: "Every webhook endpoint of the key's project and mode (at most 20), newest first. Signing secrets are never listed.",
      success: { status: 200, description: "The endpoints.", object: webhookEndpointListObject },
      errors: [...SECRET_ERRORS, ...ALWAYS],
    },
    async handle({ ctx, requestId }) {
      const rows = await listEndpoints(ctx);
      return json({ object: "list", url: "/v1/webhook_endpoints", has_more: false, data: rows.map((r) => serializeEndpoint(r)) }, {}, requestId);
    },
  }),

  /** POST /v1/webhook_endpoints — the answer carries the signing secret (shown once in live mode). */
  create: apiEndpoint({
    method: "POST",
    path: "/v1/webhook_endpoints",
    auth: "secret",
    permission: "webhook_endpoints:write",
    operation: {
      operationId: "createWebhookEndpoint",
      tag: "Webhooks",
      summary: "Create a webhook endpoint",
      description:
        "Events of the key's project and mode are POSTed to `url`, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) and with `X-Webhook-*` headers. The answer carries the signing secret: in live mode it is never shown again.",
      body: { schema: createEndpointBody, example: WEBHOOK_EXAMPLES.createWebhookEndpoint },
      idempotent: true,
      success: { status: 201, description: "The endpoint with its signing secret.", object: webhookEndpointWithSecretObject },
      errors: [...SECRET_ERRORS, ...IDEMPOTENCY_ERRORS, ...ALWAYS],
    },
    async handle({ ctx, request, requestId }) {
      const raw = await request.text();
      return idempotentWithSecret(ctx, request, raw, async (ctx) => {
        const input = parseBody(createEndpointSchema, parseJsonBody(raw));
        const { endpoint, secret } = await createEndpoint(ctx, input);
        return { response: json({ ...serializeEndpoint(endpoint), secretIncluded: true }, { status: 201 }, requestId), secret };
      });
    },
  }),

  get: apiEndpoint({
    method: "GET",
    path: "/v1/webhook_endpoints/{endpointId}",
    auth: "secret",
    permission: "webhook_endpoints:read",
    operation: {
      operationId: "getWebhookEndpoint",
      tag: "Webhooks",
      summary: "Retrieve a webhook endpoint",
      description: "One endpoint of the key's project and mode (never its secret).",
      parameters: [endpointIdParameter],
      success: { status: 200, description: "The endpoint.", object: webhookEndpointObject },
      errors: [...SECRET_ERRORS, "NOT_FOUND", ...ALWAYS],
    },
    async handle({ ctx, params, requestId }) {
      return json(serializeEndpoint(await getEndpoint(ctx, params.endpointId ?? "")), {}, requestId);
    },
  }),

  /**
   * POST /v1/webhook_endpoints/:id — update url, description, enabledEvents, status; with
   * `rollSecret: { graceHours }` also roll the secret (the new one is in the answer).
   */
  update: apiEndpoint({
    method: "POST",
    path: "/v1/webhook_endpoints/{endpointId}",
    auth: "secret",
    permission: "webhook_endpoints:write",
    operation: {
      operationId: "updateWebhookEndpoint",
      tag: "Webhooks",
      summary: "Update a webhook endpoint",
      description:
        "Changes the fields given; `status` pauses or resumes deliveries; `rollSecret` issues a new signing secret (in the answer) while the old one keeps signing for the grace period.",
      parameters: [endpointIdParameter],
      body: { schema: updateEndpointBody, example: WEBHOOK_EXAMPLES.updateWebhookEndpoint },
      idempotent: true,
      success: { status: 200, description: "The endpoint; with `secret` when it was rolled.", object: webhookEndpointResultObject },
      errors: [...SECRET_ERRORS, "NOT_FOUND", ...IDEMPOTENCY_ERRORS, ...ALWAYS],
    },
    async handle({ ctx, request, params, requestId }) {
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
    },
  }),

  delete: apiEndpoint({
    method: "DELETE",
    path: "/v1/webhook_endpoints/{endpointId}",
    auth: "secret",
    permission: "webhook_endpoints:write",
    operation: {
      operationId: "deleteWebhookEndpoint",
      tag: "Webhooks",
      summary: "Delete a webhook endpoint",
      description: "Stops deliveries to the endpoint and removes it with its delivery log.",
      parameters: [endpointIdParameter],
      success: { status: 200, description: "The deleted endpoint's id.", object: deletedWebhookEndpointObject },
      errors: [...SECRET_ERRORS, "NOT_FOUND", ...ALWAYS],
    },
    async handle({ ctx, params, requestId }) {
      const deleted = await deleteEndpoint(ctx, params.endpointId ?? "");
      return json({ type: "webhook_endpoint", id: deleted.id, deleted: true }, {}, requestId);
    },
  }),
};
