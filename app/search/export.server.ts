/**
 * CSV export of a whole filtered list (sessions or orders), streamed: a ReadableStream that
 * pulls one keyset page of EXPORT_BATCH rows at a time through the same list module as the
 * page and the API, so 1,000,000 rows never sit in memory, and a slow download slows the
 * reads (the stream pulls the next page only when the client has taken the last one).
 * Quoting and formula escaping are csv-stringify's. The columns of each export sit beside
 * their domain: app/sessions/export.server.ts, app/orders/export.server.ts.
 */
import { stringify } from "csv-stringify/sync";
import type { ListPage, ListScope } from "~/api/keyset.server";
import { parseListParams, type ListParams } from "~/api/list-params";
import { validationError } from "~/lib/domain-error";
import { listParameterProblem } from "./list-page.server";

export const EXPORT_BATCH = 1000;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row, date: (d: Date | null) => string) => string | number | null;
}

/** A jsonb cell: compact JSON, or empty for nothing at all. */
export const jsonCell = (value: unknown) => (value && typeof value === "object" && Object.keys(value).length ? JSON.stringify(value) : "");

/** `2026-11-22 14:03:07` in the zone (sv-SE writes ISO-like dates), or throws for an unknown zone. */
function dateFormatter(timeZone: string): (d: Date | null) => string {
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
export function parseExportParams<S extends string>(
  search: URLSearchParams,
  accepted: { statuses: readonly S[]; types?: readonly string[] },
): { params: ListParams<S>; timeZone: string } {
  const rest = new URLSearchParams(search);
  const timeZone = rest.get("tz") || "UTC";
  for (const name of ["tz", "limit", "starting_after", "ending_before"]) rest.delete(name);
  try {
    dateFormatter(timeZone);
  } catch {
    throw validationError([{ field: "tz", message: `Unknown time zone '${timeZone}'. Use an IANA name such as Europe/Berlin.` }], "Invalid query parameters.");
  }
  return { params: parseListParams(rest, accepted), timeZone };
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
  return new ReadableStream<Uint8Array>(
    {
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
    },
    { highWaterMark: 1 },
  );
}

/** The download response; a bad filter or time zone is a plain-text 400 naming the parameter. */
/** What a list's export needs: its file name's noun, its statuses and types, its list function and its columns. */
export interface ListExport<Row extends { id: string }, S extends string> {
  noun: string;
  statuses: readonly S[];
  types?: readonly string[];
  list: (scope: ListScope, params: ListParams<S>, extra: [], options: { maxLimit: number }) => Promise<ListPage<Row>>;
  columns: (timeZone: string) => CsvColumn<Row>[];
}

/**
 * A list's whole export: `<noun>-<mode>-<day>.csv`, the rows the request's list filters select,
 * times in its `tz`. The route calls its guard first and passes the scope it got.
 */
export function listExport<Row extends { id: string }, S extends string>(request: Request, scope: ListScope, spec: ListExport<Row, S>): Response {
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(`${spec.noun}-${scope.mode}-${day}.csv`, () => {
    const { params: filters, timeZone } = parseExportParams(new URL(request.url).searchParams, spec);
    return csvStream((p) => spec.list(scope, p, [], { maxLimit: EXPORT_BATCH }), filters, spec.columns(timeZone), timeZone);
  });
}

type Cell = string | number | null;

/** Columns that copy a field as it is: `[header, field]` pairs, in order. */
export function fieldColumns<Row>(fields: [header: string, field: { [K in keyof Row]: Row[K] extends Cell ? K : never }[keyof Row]][]): CsvColumn<Row>[] {
  return fields.map(([header, field]) => ({ header, value: (row) => row[field] as Cell }));
}

/** A moment of the row in the export's time zone, headed `<name> (<time zone>)`. */
export function timeColumn<Row>(name: string, timeZone: string, at: (row: Row) => Date | null): CsvColumn<Row> {
  return { header: `${name} (${timeZone})`, value: (row, date) => date(at(row)) };
}

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
    const problem = listParameterProblem(error);
    if (!problem) throw error;
    const lines = [problem.message, ...problem.details.map((d) => `${d.field}: ${d.message}`)];
    return new Response(`${lines.join("\n")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
