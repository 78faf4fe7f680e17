/** The session endpoints of the API (docs/api-contract.md#sessions), as handlers the resource routes call. */
import { withIdempotency } from "../api/idempotency.server";
import { authenticate, handleApi, json, parseBody, parseJsonBody, resource, type ApiRequest } from "../api/respond.server";
import { confirmSessionSchema, createSessionSchema, SESSION_FIELD_CODES } from "./schemas";
import { serializeSession, sessionAttributes } from "./serialize";
import { cancelSession, confirmSession, createSession, getSession } from "./sessions.server";

type RouteArgs = { request: Request; params: Record<string, string | undefined> };

/** The raw body (for the idempotency hash) and a parser that answers VALIDATION_ERROR for bad JSON. */
async function bodyOf(request: Request) {
  const raw = await request.text();
  return { raw, parse: () => parseJsonBody(raw) };
}

/** POST /v1/sessions — secret key. The clientSecret is in this response only. */
export function createSessionRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId }: ApiRequest) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const { raw, parse } = await bodyOf(request);
    return withIdempotency(ctx, request, raw, async () => {
      const input = parseBody(createSessionSchema, parse(), SESSION_FIELD_CODES);
      const { session, clientSecret } = await createSession(ctx, input);
      const attributes = sessionAttributes(session);
      // The contract's field order (docs/api-contract.md#create-a-session): clientSecret right after projectId.
      const { sessionId, projectId, ...rest } = attributes;
      return json(resource("session", session.id, { sessionId, projectId, clientSecret, ...rest }), { status: 201 }, requestId);
    });
  });
}

/** GET /v1/sessions/:id — publishable or secret key; never the clientSecret. */
export function getSessionRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId, params }) => {
    const ctx = await authenticate(request, db, "any", requestId);
    const session = await getSession(ctx, params.sessionId ?? "");
    return json(serializeSession(session), {}, requestId);
  });
}

/** POST /v1/sessions/:id/confirm — publishable key + clientSecret. */
export function confirmSessionRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId, params }) => {
    const ctx = await authenticate(request, db, "any", requestId);
    const { raw, parse } = await bodyOf(request);
    return withIdempotency(ctx, request, raw, async () => {
      const input = parseBody(confirmSessionSchema, parse(), SESSION_FIELD_CODES);
      const session = await confirmSession(ctx, params.sessionId ?? "", input);
      return json(serializeSession(session), {}, requestId);
    });
  });
}

/** POST /v1/sessions/:id/cancel — secret key. */
export function cancelSessionRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId, params }) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const { raw } = await bodyOf(request);
    return withIdempotency(ctx, request, raw, async () => {
      const session = await cancelSession(ctx, params.sessionId ?? "");
      return json(serializeSession(session), {}, requestId);
    });
  });
}
