/** The event stream endpoint (docs/api-contract.md#event-stream): `ramp listen`'s source of test-mode events. */
import { apiEndpoint } from "~/api/endpoint.server";
import { SECRET_ERRORS } from "~/api/openapi/operation";
import { DomainError } from "~/lib/domain-error";
import { eventStream } from "./stream.server";

export const eventApi = {
  /** GET /v1/events/stream — a test-mode secret key; Server-Sent Events, resumable with Last-Event-ID. */
  stream: apiEndpoint({
    method: "GET",
    path: "/v1/events/stream",
    auth: "secret",
    permission: "webhook_endpoints:read",
    operation: {
      operationId: "streamEvents",
      tag: "Webhooks",
      summary: "Stream test-mode events",
      description:
        "Server-Sent Events (`Accept: text/event-stream`): every new event of the key's project in test mode as it is recorded, one message per event (`id`: the event id, `event`: its type, `data`: the webhook payload). Reconnect with `Last-Event-ID` to resume without losing events (one sent just before the drop may come again: skip ids you have seen). Test-mode secret keys only. `ramp listen` forwards these to a local URL.",
      parameters: [
        {
          name: "Last-Event-ID",
          in: "header",
          required: false,
          description: "The id of the last event received: the stream resumes after it.",
          schema: { type: "string" },
          example: "evt_7Hq2xK9mP4vN3bR8",
        },
      ],
      success: { status: 200, description: "A text/event-stream that stays open.", object: null },
      errors: [...SECRET_ERRORS, "VALIDATION_ERROR", "RATE_LIMIT_EXCEEDED", "INTERNAL_ERROR"],
    },
    async handle({ ctx, request, requestId }) {
      if (ctx.mode !== "test") {
        throw new DomainError("INSUFFICIENT_PERMISSIONS", "The event stream serves test mode only: use a test secret key (sk_test_…).");
      }
      if (!(request.headers.get("accept") ?? "").includes("text/event-stream")) {
        throw new DomainError("VALIDATION_ERROR", "This endpoint answers a Server-Sent Events stream: send Accept: text/event-stream.", [
          { field: "Accept", message: "Send Accept: text/event-stream." },
        ]);
      }
      const headers = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no", "Request-Id": requestId };
      // HEAD: the headers only, and no stream left polling behind them.
      if (request.method === "HEAD") return new Response(null, { status: 200, headers });
      const lastEventId = request.headers.get("last-event-id")?.trim() || null;
      return new Response(await eventStream(ctx, { lastEventId, signal: request.signal }), { status: 200, headers });
    },
  }),
};
