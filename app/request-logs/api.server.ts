/** The request log API (secret key): a partner pulls its own project's log, as the console shows it. */
import { apiEndpoint } from "~/api/endpoint.server";
import { listBody } from "~/api/keyset.server";
import { ALWAYS, SECRET_ERRORS } from "~/api/openapi/operation";
import { json } from "~/api/respond.server";
import { listRequestLogs, parseRequestLogParams } from "./list.server";
import { requestLogListObject, requestLogParameters } from "./openapi.server";
import { serializeRequestLog } from "./serialize";

export const requestLogApi = {
  /** GET /v1/request_logs — the key's project and mode, newest first, with redacted bodies. */
  list: apiEndpoint({
    method: "GET",
    path: "/v1/request_logs",
    auth: "secret",
    permission: "request_logs:read",
    operation: {
      operationId: "listRequestLogs",
      tag: "Request logs",
      summary: "List requests",
      description:
        "Every request of the key's project and mode in the last 30 days, newest first: method, path, status, latency, the key's id, client IP, error, and the request and response bodies with secrets redacted (16 KB each at most). Filters as the console's Logs page; paged as Stripe's lists are.",
      parameters: requestLogParameters(),
      success: { status: 200, description: "A page of requests.", object: requestLogListObject },
      errors: ["VALIDATION_ERROR", ...SECRET_ERRORS, ...ALWAYS],
    },
    async handle({ ctx, request, requestId }) {
      const query = parseRequestLogParams(new URL(request.url).searchParams);
      const page = await listRequestLogs(ctx, query, { bodies: true });
      return json(listBody("/v1/request_logs", page, serializeRequestLog), {}, requestId);
    },
  }),
};
