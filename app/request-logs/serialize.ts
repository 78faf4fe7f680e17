/** A request log row as the API (and the console's request page) shows it. */
import type { RequestLogRow, RequestLogSummary } from "./list.server";

function parsed(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function serializeRequestLog(
  row: RequestLogSummary & Partial<Pick<RequestLogRow, "requestHeaders" | "responseHeaders" | "requestBody" | "responseBody">>,
) {
  return {
    type: "request_log" as const,
    id: row.id,
    attributes: {
      createdAt: row.createdAt.toISOString(),
      source: row.source,
      method: row.method,
      path: row.path,
      query: row.query,
      endpoint: row.endpoint,
      status: row.status,
      latencyMs: row.latencyMs,
      key: row.keyId && row.keyKind ? { id: row.keyId, kind: row.keyKind } : null,
      livemode: row.mode === "live",
      ip: row.ip,
      userAgent: row.userAgent,
      idempotencyKey: row.idempotencyKey,
      error: row.errorCode ? { code: row.errorCode, message: row.errorMessage } : null,
      objectIds: row.objectIds,
      requestHeaders: (parsed(row.requestHeaders) ?? {}) as Record<string, string>,
      responseHeaders: (parsed(row.responseHeaders) ?? {}) as Record<string, string>,
      requestBody: parsed(row.requestBody),
      responseBody: parsed(row.responseBody),
    },
  };
}
