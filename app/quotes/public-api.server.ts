/**
 * What every public onramp endpoint shares: CORS (they are called from partners' pages in
 * the browser, with no cookies, so any origin may read them), the OPTIONS preflight, and
 * strict query parsing (an unknown or repeated parameter is an error, as in list-params).
 */
import type { z } from "zod";
import { DomainError, type ErrorCode, type ErrorDetail } from "~/lib/domain-error";
import { handleApi, methodNotAllowed } from "../api/respond.server";

export const PUBLIC_CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  // Authorization is never covered by a "*" here: it must be named for `Bearer pk_…` to pass.
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  "Access-Control-Expose-Headers": "Request-Id, Retry-After",
  "Access-Control-Max-Age": "600",
};

/** Adds the CORS headers to a response (errors included, so a browser can read them). */
export function withPublicCors(response: Response): Response {
  for (const [name, value] of Object.entries(PUBLIC_CORS_HEADERS)) response.headers.set(name, value);
  return response;
}

type RouteArgs = { request: Request; params: Record<string, string | undefined> };

function preflight(): Response {
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}

/**
 * A public route's `loader`: the handler's response (or error) with CORS headers. Remix
 * hands OPTIONS to the loader too (only POST, PUT, PATCH and DELETE reach an action), so
 * the browser's preflight is answered here: 204, no database work beyond the request id.
 */
export async function publicLoader(args: RouteArgs, handler: Parameters<typeof handleApi>[1]): Promise<Response> {
  return withPublicCors(await handleApi(args, (input) => (args.request.method === "OPTIONS" ? Promise.resolve(preflight()) : handler(input))));
}

/** A public route's `action`: every method that reaches it is refused with 405 and `Allow`. */
export async function publicAction(args: RouteArgs): Promise<Response> {
  return withPublicCors(
    await handleApi(args, async () => {
      methodNotAllowed(["GET", "OPTIONS"]);
    }),
  );
}

const INVALID_QUERY = "Missing or invalid query parameters.";

export interface ParseQueryOptions {
  /** Codes for problems with a parameter's value (e.g. fiatCurrency → INVALID_CURRENCY). */
  codes?: Partial<Record<string, ErrorCode>>;
  /** Extra checks on the raw values (across parameters); each returns its details. */
  extra?: (raw: Record<string, string>) => { field: string; message: string }[];
}

/**
 * Reads query parameters with a zod object schema. Empty values count as absent. On any
 * problem, throws an DomainError whose details name every offending parameter; its code is the
 * first offender's own code (INVALID_CURRENCY, …) when every offender has one and was sent,
 * else VALIDATION_ERROR (missing, unknown or repeated parameters, or a value without a code).
 */
export function parseQuery<S extends z.ZodObject>(
  schema: S,
  searchParams: URLSearchParams,
  options: ParseQueryOptions = {},
): z.infer<S> {
  const names = Object.keys(schema.shape);
  const details: (ErrorDetail & { code: ErrorCode })[] = [];
  const raw: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of searchParams) {
    if (!names.includes(name)) {
      details.push({ field: name, message: `Received unknown parameter: ${name}. This endpoint takes ${names.join(", ")}.`, code: "VALIDATION_ERROR" });
    } else if (seen.has(name)) {
      details.push({ field: name, message: "Given more than once: send each parameter once.", code: "VALIDATION_ERROR" });
    } else {
      seen.add(name);
      if (value.trim() !== "") raw[name] = value.trim();
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "query");
      const own = options.codes?.[field];
      details.push({ field, message: issue.message, code: own && field in raw ? own : "VALIDATION_ERROR" });
    }
  }
  for (const detail of options.extra?.(raw) ?? []) details.push({ ...detail, code: options.codes?.[detail.field] ?? "VALIDATION_ERROR" });
  if (!details.length && parsed.success) return parsed.data as z.infer<S>;

  // Report in the schema's parameter order, so the first offender is stable.
  const position = (field: string) => (names.includes(field) ? names.indexOf(field) : -1);
  details.sort((a, b) => position(a.field) - position(b.field));
  const generic = details.some((d) => d.code === "VALIDATION_ERROR");
  const code = generic ? "VALIDATION_ERROR" : details[0]!.code;
  const message = generic ? INVALID_QUERY : details[0]!.message;
  throw new DomainError(
    code,
    message,
    details.map(({ field, message }) => ({ field, message })),
  );
}
