/**
 * Input no endpoint should ever see, refused with a 400 before any handler or query runs:
 * - the NUL character, which PostgreSQL text and jsonb cannot hold (a query would fail with
 *   a 500), in a path, a query parameter or anywhere in a JSON body, keys included;
 * - a path that is not valid percent-encoding (`%zz`, a lone `%`, a cut UTF-8 sequence);
 * - JSON nested deeper than MAX_JSON_DEPTH, checked without recursion before anything
 *   (zod, the metadata checks) walks it recursively.
 */
import { DomainError } from "~/lib/domain-error";

/** Far above any body the API defines (metadata allows a few levels), far below a stack overflow. */
export const MAX_JSON_DEPTH = 32;

const NUL = "\u0000";
const NUL_MESSAGE = "Text may not contain the NUL character (\\u0000).";

function invalid(field: string, message: string, summary = "Missing or invalid fields in the request."): never {
  throw new DomainError("VALIDATION_ERROR", summary, [{ field, message }]);
}

/** The path and query of an API request, and the route parameters decoded from them. */
export function checkRequestTarget(request: Request, params: Record<string, string | undefined>) {
  const url = new URL(request.url);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    invalid("path", "The path is not valid percent-encoding (e.g. a `%` not followed by two hex digits).", "The request path is malformed.");
  }
  if (path.includes(NUL)) invalid("path", NUL_MESSAGE);
  for (const [name, value] of Object.entries(params)) if (value?.includes(NUL)) invalid(name, NUL_MESSAGE);
  for (const [name, value] of url.searchParams) {
    if (name.includes(NUL) || value.includes(NUL)) invalid(name.replaceAll(NUL, "\\u0000"), NUL_MESSAGE);
  }
}

/** A parsed JSON body: no NUL in any string or key, nesting at most MAX_JSON_DEPTH. Iterative, so any input is safe. */
export function checkJsonValue(root: unknown) {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: "", depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes(NUL)) invalid(path || "body", NUL_MESSAGE);
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) invalid(path || "body", `JSON may nest at most ${MAX_JSON_DEPTH} levels deep.`, "The request body nests too deeply.");
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes(NUL)) invalid(childPath.replaceAll(NUL, "\\u0000"), NUL_MESSAGE);
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
}
