/**
 * GET /v1/openapi.json — the API as an OpenAPI 3.1 document (app/api/openapi.server.ts).
 * Public (API tools fetch it without a key, from any origin) and cacheable for a few
 * minutes: it only changes with a deploy. An ETag lets a client revalidate for free.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "~/api/openapi.server";
import { handleApi, methodNotAllowed } from "~/api/respond.server";
import { sha256Hex } from "~/lib/crypto.server";
import { env } from "~/lib/env.server";

let body: { text: string; etag: string; baseUrl: string } | undefined;

function documentBody() {
  const baseUrl = env().BASE_URL;
  if (!body || body.baseUrl !== baseUrl) {
    const text = JSON.stringify(openApiDocument(baseUrl), null, 2);
    body = { text, etag: `"${sha256Hex(text).slice(0, 32)}"`, baseUrl };
  }
  return body;
}

export function loader(args: LoaderFunctionArgs) {
  return handleApi(args, async ({ request, requestId }) => {
    const { text, etag } = documentBody();
    const headers = new Headers({
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      ETag: etag,
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": "Request-Id, ETag",
      "Request-Id": requestId,
    });
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(request.method === "HEAD" ? null : text, { status: 200, headers });
  });
}

export const action = (args: ActionFunctionArgs) => handleApi(args, async () => methodNotAllowed(["GET"]));
