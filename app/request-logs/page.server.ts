/**
 * The console's Logs pages: the URL read exactly as GET /v1/request_logs reads its query
 * string, so a console link and an API call with the same parameters show the same requests.
 * Bodies and headers only for roles with `requestLog: readBodies` (docs/roles.md).
 */
import { API_ENDPOINTS } from "~/api/registry.server";
import { env } from "~/lib/env.server";
import type { ProjectContext } from "~/lib/context";
import { roleCan } from "~/lib/roles";
import { listParameterProblem } from "~/search/list-page.server";
import { pagerCursors } from "~/ui/cursor-pager";
import { endpointPattern } from "~/api/endpoint.server";
import { getRequestLog, isFiltered, listRequestLogs, parseRequestLogParams, requestsTouching, type RequestLogSummary } from "./list.server";
import { serializeRequestLog } from "./serialize";

/** Every pattern the log can hold, for the endpoint filter. */
export const ENDPOINT_PATTERNS = [
  ...API_ENDPOINTS.filter((e) => e.auth !== "none").map((e) => endpointPattern(e.method, e.path)),
  "POST /callbacks/sandbox/:gatewayId",
];

export function canReadBodies(ctx: ProjectContext) {
  return roleCan(ctx.role, { requestLog: ["readBodies"] });
}

function listItem(row: RequestLogSummary) {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    method: row.method,
    path: row.path,
    query: row.query,
    endpoint: row.endpoint,
    status: row.status,
    latencyMs: row.latencyMs,
    keyId: row.keyId,
    keyKind: row.keyKind,
    ip: row.ip,
    errorCode: row.errorCode,
    source: row.source,
  };
}

export async function loadLogsPage(ctx: ProjectContext, url: URL) {
  try {
    const query = parseRequestLogParams(url.searchParams);
    const page = await listRequestLogs(ctx, query);
    return {
      items: page.data.map(listItem),
      cursors: pagerCursors({ ids: page.data.map((r) => r.id), hasMore: page.hasMore, startingAfter: query.startingAfter, endingBefore: query.endingBefore }),
      error: null,
      filtered: isFiltered(query),
    };
  } catch (error) {
    const problem = listParameterProblem(error);
    if (!problem) throw error;
    return { items: [], cursors: { previous: null, next: null }, error: problem, filtered: true };
  }
}

const KEY_TYPE_PREFIX = { secret: "sk", restricted: "rk", publishable: "pk" } as const;

/** A curl command that repeats the request, with a placeholder where the key goes. */
function curlCommand(row: ReturnType<typeof serializeRequestLog>["attributes"], bodies: boolean) {
  const base = env().BASE_URL;
  const url = `${base}${row.path}${row.query ? `?${row.query}` : ""}`;
  const lines = [`curl -X ${row.method} '${url}'`];
  if (row.key) lines.push(`-H 'Authorization: Bearer ${KEY_TYPE_PREFIX[row.key.kind]}_${row.livemode ? "live" : "test"}_YOUR_KEY'`);
  if (row.idempotencyKey) lines.push(`-H 'Idempotency-Key: ${row.idempotencyKey.replaceAll("'", "'\\''")}'`);
  const body = row.requestBody as Record<string, unknown> | null;
  if (bodies && body && !("$truncated" in body)) {
    lines.push(`-H 'Content-Type: application/json'`);
    lines.push(`-d '${JSON.stringify(body).replaceAll("'", "'\\''")}'`);
  }
  return lines.join(" \\\n  ");
}

/** One request's page: NOT_FOUND for another project's, mode's or an unknown id (orErrorPage turns it into 404). */
export async function loadRequestPage(ctx: ProjectContext, requestId: string) {
  const row = await getRequestLog(ctx, requestId);
  const bodies = canReadBodies(ctx);
  const { attributes } = serializeRequestLog(row);
  return {
    id: row.id,
    bodies,
    request: {
      ...attributes,
      requestHeaders: bodies ? attributes.requestHeaders : null,
      responseHeaders: bodies ? attributes.responseHeaders : null,
      requestBody: bodies ? attributes.requestBody : null,
      responseBody: bodies ? attributes.responseBody : null,
    },
    curl: curlCommand(attributes, bodies),
  };
}

/** The requests that touched a session or an order (their pages' "API requests" card). */
export async function loadRelatedRequests(ctx: ProjectContext, objectId: string) {
  const page = await requestsTouching(ctx, objectId, 10);
  return { items: page.data.map(listItem), more: page.hasMore };
}
