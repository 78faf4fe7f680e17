/**
 * What a support search string is: an object id by its prefix, an email, a metadata
 * `key=value` (or `key:value`) pair, or free text (external customer id, wallet address,
 * transaction hash). Pure, so the search page and tests share it.
 */
export type SearchKind = "empty" | "session-id" | "order-id" | "customer-id" | "transaction-id" | "event-id" | "request-id" | "email" | "metadata" | "text";

type ParsedSearch =
  | { kind: Exclude<SearchKind, "metadata">; value: string }
  | {
      kind: "metadata";
      value: string;
      key: string;
      /** The text, and the JSON number/boolean it reads as, if any. */ candidates: (string | number | boolean)[];
    };

const ID_PREFIXES: Record<string, SearchKind> = {
  sess: "session-id",
  ord: "order-id",
  cust: "customer-id",
  txn: "transaction-id",
  evt: "event-id",
  /** A requestId from an API error or a Request-Id header: the request log. */
  req: "request-id",
};

export const MAX_SEARCH_LENGTH = 200;

export function parseSearchQuery(raw: string): ParsedSearch {
  const value = raw.trim().slice(0, MAX_SEARCH_LENGTH);
  if (!value) return { kind: "empty", value };
  const id = /^([a-z]+)_[0-9A-Za-z]+$/.exec(value);
  if (id && ID_PREFIXES[id[1]!]) return { kind: ID_PREFIXES[id[1]!] as Exclude<SearchKind, "metadata">, value };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { kind: "email", value };
  // `orderRef=42`, `orderRef:42`, `vip = true`; a URL (`https://…`) is not a pair.
  const pair = /^([A-Za-z0-9_.-]{1,40})\s*[=:]\s*(.+)$/.exec(value);
  if (pair && !/^[a-z]+:\/\//i.test(value)) {
    return { kind: "metadata", value, key: pair[1]!, candidates: metadataCandidates(pair[2]!.trim()) };
  }
  return { kind: "text", value };
}

/**
 * The values a metadata search matches: `orderRef=42` finds "42" and 42, `vip=true` finds
 * "true" and true; a quoted `"42"` only the string.
 */
function metadataCandidates(text: string): (string | number | boolean)[] {
  const quoted = /^"(.*)"$/.exec(text);
  if (quoted) return [quoted[1]!];
  if (text === "true" || text === "false") return [text, text === "true"];
  if (/^-?\d+(\.\d+)?$/.test(text) && Number.isFinite(Number(text))) return [text, Number(text)];
  return [text];
}
