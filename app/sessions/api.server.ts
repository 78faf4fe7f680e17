/** The session endpoints of the API (docs/api-contract.md#sessions): each one's handler beside its OpenAPI operation. */
import { z } from "zod";
import { apiEndpoint } from "~/api/endpoint.server";
import { withIdempotency } from "~/api/idempotency.server";
import { listBody } from "~/api/keyset.server";
import { parseListParams } from "~/api/list-params";
import { ALWAYS, FIELD_ERRORS, IDEMPOTENCY_ERRORS, KEY_ERRORS, SECRET_ERRORS } from "~/api/openapi/operation";
import { listParameters } from "~/api/openapi/schema";
import { json, parseBody, parseJsonBody, resource } from "~/api/respond.server";
import { schema } from "~/lib/db.server";
import { SESSION_TYPES } from "~db/schema/sessions";
import { env } from "~/lib/env.server";
import { listSessions } from "./list.server";
import {
  confirmSessionBody,
  createdSessionObject,
  createSessionBody,
  SESSION_EXAMPLES,
  SESSION_STATE_ERRORS,
  sessionIdParameter,
  sessionListObject,
  sessionObject,
} from "./openapi.server";
import { confirmOfframpSessionSchema, confirmSessionSchema, SESSION_FIELD_CODES, sessionSchemaFor } from "./schemas";
import { hostedCheckoutUrl, serializeSession, sessionAttributes } from "./serialize";
import { cancelSession, confirmSession, createSession, getSession, sessionTypeOf } from "./sessions.server";

export const sessionApi = {
  /** POST /v1/sessions — secret key. The clientSecret is in this response only. */
  create: apiEndpoint({
    method: "POST",
    path: "/v1/sessions",
    auth: "secret",
    permission: "sessions:write",
    operation: {
      operationId: "createSession",
      tag: "Sessions",
      summary: "Create a session",
      description:
        "From your backend, with a secret key. Fields you set are locked for the customer unless `fieldLocks` says otherwise. The response carries the clientSecret once, and `url`, the hosted checkout URL built from it: redirect the customer there.",
      body: { schema: createSessionBody, example: SESSION_EXAMPLES.createSession },
      idempotent: true,
      success: { status: 201, description: "The session, with its clientSecret and hosted checkout url (returned only here).", object: createdSessionObject },
      errors: [...FIELD_ERRORS, ...SECRET_ERRORS, ...IDEMPOTENCY_ERRORS, ...ALWAYS],
    },
    async handle({ ctx, request, requestId }) {
      const raw = await request.text();
      return withIdempotency(ctx, request, raw, async (ctx) => {
        const body = parseJsonBody(raw);
        const input = parseBody(sessionSchemaFor(body), body, SESSION_FIELD_CODES);
        const { session, clientSecret } = await createSession(ctx, input);
        // The contract's field order (docs/api-contract.md#create-a-session): clientSecret and url right after projectId.
        const { sessionId, projectId, ...rest } = sessionAttributes(session);
        const url = hostedCheckoutUrl(env().BASE_URL, session, clientSecret);
        return json(resource("session", session.id, { sessionId, projectId, clientSecret, url, ...rest }), { status: 201 }, requestId);
      });
    },
  }),

  /** GET /v1/sessions — the project's sessions, newest first, filtered and paged as docs/api-contract.md#lists says. */
  list: apiEndpoint({
    method: "GET",
    path: "/v1/sessions",
    auth: "secret",
    permission: "sessions:read",
    operation: {
      operationId: "listSessions",
      tag: "Sessions",
      summary: "List sessions",
      description: "The project's sessions in the key's mode, newest first, filtered and paged as Stripe's lists are.",
      parameters: listParameters(schema.SESSION_STATUSES, "session", SESSION_TYPES),
      success: { status: 200, description: "A page of sessions.", object: sessionListObject },
      errors: ["VALIDATION_ERROR", ...SECRET_ERRORS, ...ALWAYS],
    },
    async handle({ ctx, request, requestId }) {
      const query = parseListParams(new URL(request.url).searchParams, { statuses: schema.SESSION_STATUSES, types: SESSION_TYPES });
      const page = await listSessions(ctx, query);
      return json(listBody("/v1/sessions", page, serializeSession), {}, requestId);
    },
  }),

  /** GET /v1/sessions/:id — publishable or secret key; never the clientSecret. */
  get: apiEndpoint({
    method: "GET",
    path: "/v1/sessions/{sessionId}",
    auth: "publishable",
    permission: "sessions:read",
    operation: {
      operationId: "getSession",
      tag: "Sessions",
      summary: "Retrieve a session",
      description: "Loads a session to populate a custom checkout UI; show locked fields read-only. A publishable key is enough (a secret key works too).",
      parameters: [sessionIdParameter],
      success: { status: 200, description: "The session (never its clientSecret).", object: sessionObject },
      errors: [...KEY_ERRORS, "NOT_FOUND", "SESSION_EXPIRED", ...ALWAYS],
    },
    async handle({ ctx, params, requestId }) {
      return json(serializeSession(await getSession(ctx, params.sessionId ?? "")), {}, requestId);
    },
  }),

  /** POST /v1/sessions/:id/confirm — publishable key + clientSecret. */
  confirm: apiEndpoint({
    method: "POST",
    path: "/v1/sessions/{sessionId}/confirm",
    auth: "clientSecret",
    permission: "sessions:write",
    operation: {
      operationId: "confirmSession",
      tag: "Sessions",
      summary: "Confirm a session",
      description: "Optional step: the customer confirms the session's parameters and may change fields that are not locked.",
      parameters: [sessionIdParameter],
      body: { schema: confirmSessionBody, example: SESSION_EXAMPLES.confirmSession },
      idempotent: true,
      success: { status: 200, description: "The confirmed session.", object: sessionObject },
      errors: [...FIELD_ERRORS, ...KEY_ERRORS, "FORBIDDEN", "NOT_FOUND", ...SESSION_STATE_ERRORS, ...IDEMPOTENCY_ERRORS, ...ALWAYS],
    },
    async handle({ ctx, request, params, requestId }) {
      const raw = await request.text();
      return withIdempotency(ctx, request, raw, async (ctx) => {
        // A sell session's fields read the other way round: its type picks the schema (an unknown id gets the buy one, then NOT_FOUND).
        const type = await sessionTypeOf(ctx, params.sessionId ?? "");
        const input = parseBody(type === "offramp" ? confirmOfframpSessionSchema : confirmSessionSchema, parseJsonBody(raw), SESSION_FIELD_CODES);
        const session = await confirmSession(ctx, params.sessionId ?? "", input);
        return json(serializeSession(session), {}, requestId);
      });
    },
  }),

  /** POST /v1/sessions/:id/cancel — secret key. */
  cancel: apiEndpoint({
    method: "POST",
    path: "/v1/sessions/{sessionId}/cancel",
    auth: "secret",
    permission: "sessions:write",
    operation: {
      operationId: "cancelSession",
      tag: "Sessions",
      summary: "Cancel a session",
      description: "From your backend: cancels a session nobody has paid through yet. Cancelling a cancelled session answers it again.",
      parameters: [sessionIdParameter],
      idempotent: true,
      success: { status: 200, description: "The cancelled session.", object: sessionObject },
      errors: [...SECRET_ERRORS, "NOT_FOUND", "SESSION_EXPIRED", "SESSION_ALREADY_USED", ...IDEMPOTENCY_ERRORS, ...ALWAYS],
    },
    async handle({ ctx, request, params, requestId }) {
      const raw = await request.text();
      // Takes no fields: a body with any is a client's mistake (e.g. a reason we would silently drop).
      parseBody(z.object({}).strict(), parseJsonBody(raw));
      return withIdempotency(ctx, request, raw, async (ctx) => json(serializeSession(await cancelSession(ctx, params.sessionId ?? "")), {}, requestId));
    },
  }),
};
