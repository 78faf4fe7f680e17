/**
 * CSV export of a whole filtered list (sessions or orders), streamed: a ReadableStream that
 * pulls one keyset page of EXPORT_BATCH rows at a time through the same list module as the
 * page and the API, so 1,000,000 rows never sit in memory, and a slow download slows the
 * reads (the stream pulls the next page only when the client has taken the last one).
 * Quoting and formula escaping are csv-stringify's.
 */
import { stringify } from "csv-stringify/sync";
import type { ListPage } from "../api/keyset.server";
import type { ListParams } from "../api/list-params";
import { parseListParams } from "../api/list-params";
import { DomainError } from "~/lib/domain-error";
import type { OrderRow } from "../orders/list.server";
import type { SessionRow } from "../sessions/list.server";

export const EXPORT_BATCH = 1000;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row, date: (d: Date | null) => string) => string | number | null;
}

/** `2026-11-22 14:03:07` in the zone (sv-SE writes ISO-like dates), or throws for an unknown zone. */
export function dateFormatter(timeZone: string): (d: Date | null) => string {
  const format = new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return (d) => (d ? format.format(d) : "");
}

/** The export's list parameters: the page's filters (cursor and page size dropped) and a time zone. */
export function parseExportParams<S extends string>(search: URLSearchParams, statuses: readonly S[]): { params: ListParams<S>; timeZone: string } {
  const rest = new URLSearchParams(search);
  const timeZone = rest.get("tz") || "UTC";
  for (const name of ["tz", "limit", "starting_after", "ending_before"]) rest.delete(name);
  try {
    dateFormatter(timeZone);
  } catch {
    throw new DomainError("VALIDATION_ERROR", "Invalid query parameters.", [{ field: "tz", message: `Unknown time zone '${timeZone}'. Use an IANA name such as Europe/Berlin.` }]);
  }
  return { params: parseListParams(rest, { statuses }), timeZone };
}

export function csvStream<Row extends { id: string }, S extends string>(
  list: (params: ListParams<S>) => Promise<ListPage<Row>>,
  params: ListParams<S>,
  columns: CsvColumn<Row>[],
  timeZone: string,
  batch = EXPORT_BATCH,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const date = dateFormatter(timeZone);
  let cursor: string | undefined;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(stringify([columns.map((c) => c.header)])));
    },
    async pull(controller) {
      if (done) return;
      const page = await list({ ...params, limit: batch, startingAfter: cursor, endingBefore: undefined });
      if (page.data.length) {
        const records = page.data.map((row) => columns.map((c) => c.value(row, date)));
        controller.enqueue(encoder.encode(stringify(records, { escape_formulas: true })));
        cursor = page.data[page.data.length - 1]!.id;
      }
      if (!page.hasMore) {
        done = true;
        controller.close();
      }
    },
  }, { highWaterMark: 1 });
}

const json = (value: unknown) => (value && typeof value === "object" && Object.keys(value).length ? JSON.stringify(value) : "");

export function sessionColumns(timeZone: string): CsvColumn<SessionRow>[] {
  return [
    { header: "id", value: (r) => r.id },
    { header: "status", value: (r) => r.status },
    { header: `created (${timeZone})`, value: (r, d) => d(r.createdAt) },
    { header: "source_amount", value: (r) => r.sourceAmount },
    { header: "source_currency", value: (r) => r.sourceCurrency },
    { header: "destination_currency", value: (r) => r.destinationCurrency },
    { header: "destination_network", value: (r) => r.network },
    { header: "destination_address", value: (r) => r.destinationAddress },
    { header: "customer_id", value: (r) => r.customerId },
    { header: "external_customer_id", value: (r) => r.externalCustomerId },
    { header: "country", value: (r) => r.country },
    { header: `completed (${timeZone})`, value: (r, d) => d(r.completedAt) },
    { header: `expires (${timeZone})`, value: (r, d) => d(r.expiresAt) },
    { header: "metadata", value: (r) => json(r.metadata) },
  ];
}

export function orderColumns(timeZone: string): CsvColumn<OrderRow>[] {
  return [
    { header: "id", value: (r) => r.id },
    { header: "status", value: (r) => r.status },
    { header: `created (${timeZone})`, value: (r, d) => d(r.createdAt) },
    { header: "session_id", value: (r) => r.sessionId },
    { header: "customer_id", value: (r) => r.customerId },
    { header: "external_customer_id", value: (r) => r.externalCustomerId },
    { header: "email", value: (r) => r.email },
    { header: "gateway", value: (r) => r.gatewayId },
    { header: "payment_method", value: (r) => r.paymentMethod },
    { header: "source_amount", value: (r) => r.sourceAmount },
    { header: "source_currency", value: (r) => r.sourceCurrency },
    { header: "destination_amount", value: (r) => r.destinationAmount },
    { header: "destination_currency", value: (r) => r.destinationCurrency },
    { header: "destination_network", value: (r) => r.network },
    { header: "destination_address", value: (r) => r.destinationAddress },
    { header: "rate", value: (r) => r.rate },
    { header: "gateway_fee", value: (r) => r.gatewayFee },
    { header: "network_fee", value: (r) => r.networkFee },
    { header: "transaction_id", value: (r) => r.transactionId },
    { header: "transaction_hash", value: (r) => r.transactionHash },
    { header: `completed (${timeZone})`, value: (r, d) => d(r.completedAt) },
    { header: "failure_reason", value: (r) => r.failureReason },
    { header: `refunded (${timeZone})`, value: (r, d) => d(r.refundedAt) },
    { header: "refund_reason", value: (r) => r.refundReason },
    { header: "partner_metadata", value: (r) => json(r.metadata?.partnerMetadata) },
  ];
}

/** The download response; a bad filter or time zone is a plain-text 400 naming the parameter. */
export function csvResponse(filename: string, build: () => ReadableStream<Uint8Array>): Response {
  try {
    return new Response(build(), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const lines = [error.message, ...(error.details ?? []).map((d) => `${d.field}: ${d.message}`)];
    return new Response(`${lines.join("\n")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
