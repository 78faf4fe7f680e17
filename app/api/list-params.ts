/**
 * The query parameters of every list endpoint, as Stripe's list APIs take them (docs/api-contract.md#lists):
 * `limit` (1–100, default 10), `starting_after` / `ending_before` (object-id cursors, one
 * at most), `created[gt|gte|lt|lte]` (unix seconds), `status`, `destination_currency`,
 * `destination_network`. Shared by the API routes and the console's list pages, so a
 * console URL carries exactly the parameters the API takes.
 *
 * Like Stripe, an unknown parameter is an error rather than silently ignored (a typo such
 * as `statuss=failed` would otherwise list everything). An empty value counts as absent,
 * so a console filter form may submit its "any" choice as `status=`.
 */
import { z } from "zod";
import { CRYPTO_CURRENCIES, NETWORKS, type CryptoCode, type NetworkId } from "~/gateways/catalogue";
import { DomainError, type ErrorDetail } from "~/lib/domain-error";

export const DEFAULT_LIST_LIMIT = 10;
export const MAX_LIST_LIMIT = 100;

/** Bounds of `created`, in unix seconds (`createdRange` turns them into instants). */
export interface CreatedFilter {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export interface ListParams<S extends string = string> {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
  created: CreatedFilter;
  status?: S;
  /** Sessions: onramp | offramp; orders: buy | sell. */
  type?: string;
  destinationCurrency?: CryptoCode;
  destinationNetwork?: NetworkId;
}

/** What a caller inside the app may pass: everything optional, `limit` defaults to 10. */
export type ListQuery<S extends string = string> = Partial<ListParams<S>>;

const CURRENCY_CODES = CRYPTO_CURRENCIES.map((c) => c.code) as CryptoCode[];
const NETWORK_IDS = NETWORKS.map((n) => n.id) as NetworkId[];
const CREATED_BOUNDS = ["gt", "gte", "lt", "lte"] as const;
/** 9999-12-31T23:59:59Z: the last second a timestamptz round-trips through a JS Date here. */
const MAX_UNIX_SECONDS = 253_402_300_799;

const integerText = /^-?\d+$/;

const limitSchema = z
  .string()
  .regex(integerText, "Must be an integer between 1 and 100.")
  .transform(Number)
  .pipe(z.number().int().min(1, "Must be an integer between 1 and 100.").max(MAX_LIST_LIMIT, "Must be an integer between 1 and 100."));

const unixSecondsSchema = z
  .string()
  .regex(integerText, "Must be a unix timestamp in seconds (an integer).")
  .transform(Number)
  .pipe(z.number().int().min(0, "Must not be before 1970.").max(MAX_UNIX_SECONDS, "Must be a unix timestamp in seconds, not milliseconds."));

/** Object ids are short base62 strings with a prefix; anything else can't be a cursor. */
const cursorSchema = z.string().regex(/^[A-Za-z]+_[0-9A-Za-z]{1,64}$/, "Must be an object id from an earlier page, e.g. the id of its last item.");

function oneOf<T extends string>(values: readonly T[], normalise: (value: string) => string, noun: string) {
  return z
    .string()
    .transform(normalise)
    .refine((value): value is T => (values as readonly string[]).includes(value), `Unknown ${noun}. Use one of: ${values.join(", ")}.`)
    .transform((value) => value as T);
}

/** The parameter names a list accepts, in the order errors are reported. */
export const LIST_PARAMETER_NAMES = [
  "limit",
  "starting_after",
  "ending_before",
  ...CREATED_BOUNDS.map((b) => `created[${b}]`),
  "created",
  "status",
  "type",
  "destination_currency",
  "destination_network",
] as const;

// One schema per status list (sessions, orders, …): zod compiles a schema on its first parse,
// so building it per request would compile it on every request.
const listSchemas = new Map<string, ReturnType<typeof buildListSchema>>();

function listSchema<S extends string>(statuses: readonly S[], types: readonly string[]) {
  const key = `${statuses.join(",")}|${types.join(",")}`;
  let schema = listSchemas.get(key);
  if (!schema) listSchemas.set(key, (schema = buildListSchema(statuses, types)));
  return schema as unknown as ReturnType<typeof buildListSchema<S>>;
}

function buildListSchema<S extends string>(statuses: readonly S[], types: readonly string[]) {
  return z.object({
    limit: limitSchema.optional(),
    starting_after: cursorSchema.optional(),
    ending_before: cursorSchema.optional(),
    "created[gt]": unixSecondsSchema.optional(),
    "created[gte]": unixSecondsSchema.optional(),
    "created[lt]": unixSecondsSchema.optional(),
    "created[lte]": unixSecondsSchema.optional(),
    // Stripe also takes `created=<seconds>`: created during that very second.
    created: unixSecondsSchema.optional(),
    status: oneOf(statuses, (v) => v.toLowerCase(), "status").optional(),
    type: (types.length ? oneOf(types, (v) => v.toLowerCase(), "type") : z.never({ error: "This list has no type filter." })).optional(),
    // Our codes are upper case ("USDC"); Stripe's enums are lower case: take either.
    destination_currency: oneOf(CURRENCY_CODES, (v) => v.toUpperCase(), "destination currency").optional(),
    destination_network: oneOf(NETWORK_IDS, (v) => v.toLowerCase(), "destination network").optional(),
  });
}

const INVALID_MESSAGE = "Invalid query parameters.";

/**
 * Reads a list's query parameters, or throws DomainError VALIDATION_ERROR whose details name
 * every offending parameter (`limit`, `created[gte]`, `status`, …).
 */
export function parseListParams<S extends string>(
  searchParams: URLSearchParams,
  options: { statuses: readonly S[]; types?: readonly string[] },
): ListParams<S> {
  const details: ErrorDetail[] = [];
  const raw: Record<string, string> = {};
  const known = new Set<string>(LIST_PARAMETER_NAMES);
  for (const [name, value] of searchParams) {
    if (!known.has(name)) {
      details.push({ field: name, message: `Received unknown parameter: ${name}. This list takes ${LIST_PARAMETER_NAMES.join(", ")}.` });
      continue;
    }
    if (name in raw) {
      details.push({ field: name, message: "Given more than once: send each parameter once." });
      continue;
    }
    raw[name] = value;
  }
  // An empty value is no filter (what an "any" choice in a GET form submits).
  for (const name of Object.keys(raw)) if (raw[name]!.trim() === "") delete raw[name];

  const parsed = listSchema(options.statuses, options.types ?? []).safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) details.push({ field: issue.path.join(".") || "query", message: issue.message });
  }
  const values = parsed.success ? parsed.data : null;
  if (values?.starting_after && values.ending_before) {
    details.push({ field: "ending_before", message: "Use starting_after or ending_before, not both." });
  }
  if (values?.created !== undefined && CREATED_BOUNDS.some((b) => values[`created[${b}]`] !== undefined)) {
    details.push({ field: "created", message: "Use either created=<seconds> or created[gt|gte|lt|lte], not both." });
  }
  if (details.length || !values) throw new DomainError("VALIDATION_ERROR", INVALID_MESSAGE, dedupe(details));

  const created: CreatedFilter =
    values.created !== undefined
      ? { gte: values.created, lte: values.created }
      : {
          gt: values["created[gt]"],
          gte: values["created[gte]"],
          lt: values["created[lt]"],
          lte: values["created[lte]"],
        };
  return withoutUndefined({
    limit: values.limit ?? DEFAULT_LIST_LIMIT,
    startingAfter: values.starting_after,
    endingBefore: values.ending_before,
    created: withoutUndefined(created),
    status: values.status,
    type: values.type as string | undefined,
    destinationCurrency: values.destination_currency,
    destinationNetwork: values.destination_network,
  });
}

/**
 * The same parameters back as a query string (for the console's pager links): parse ∘
 * toListSearchParams is the identity, apart from dropping the page cursor when asked.
 */
export function toListSearchParams(params: ListQuery, options: { cursor?: boolean } = {}): URLSearchParams {
  const search = new URLSearchParams();
  if (params.limit !== undefined && params.limit !== DEFAULT_LIST_LIMIT) search.set("limit", String(params.limit));
  if (options.cursor !== false) {
    if (params.startingAfter) search.set("starting_after", params.startingAfter);
    if (params.endingBefore) search.set("ending_before", params.endingBefore);
  }
  for (const bound of CREATED_BOUNDS) {
    const value = params.created?.[bound];
    if (value !== undefined) search.set(`created[${bound}]`, String(value));
  }
  if (params.status) search.set("status", params.status);
  if (params.type) search.set("type", params.type);
  if (params.destinationCurrency) search.set("destination_currency", params.destinationCurrency);
  if (params.destinationNetwork) search.set("destination_network", params.destinationNetwork);
  return search;
}

/**
 * The half-open interval [from, to) of instants that `created` admits. `created` is whole
 * seconds (Stripe's `created`), and a row created at 12.7 s has created = 12, so
 * `lte 12` admits it (to = 13 s) and `gt 12` does not (from = 13 s).
 */
export function createdRange(created: CreatedFilter): { from?: Date; to?: Date } {
  const froms = [created.gte, created.gt === undefined ? undefined : created.gt + 1].filter((v): v is number => v !== undefined);
  const tos = [created.lt, created.lte === undefined ? undefined : created.lte + 1].filter((v): v is number => v !== undefined);
  return {
    from: froms.length ? new Date(Math.max(...froms) * 1000) : undefined,
    to: tos.length ? new Date(Math.min(...tos) * 1000) : undefined,
  };
}

function dedupe(details: ErrorDetail[]) {
  const seen = new Set<string>();
  return details.filter((d) => {
    const key = `${d.field}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
