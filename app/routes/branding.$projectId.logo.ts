/**
 * GET /branding/:projectId/logo — a project's checkout logo, public on purpose: the hosted
 * checkout shows it to customers, and a logo reveals nothing secret. Only types checked on
 * upload (PNG, JPEG, WebP) are ever stored, and the headers stop a browser from treating the
 * bytes as anything else (no sniffing, no scripts, no subresources).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLogo } from "~/branding/branding.server";
import { getDb } from "~/lib/db.server";
import { UUID } from "~/lib/permissions.server";

const SAFETY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'",
};

function notFound() {
  return new Response("No logo here.", {
    status: 404,
    headers: { ...SAFETY_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const projectId = params.projectId;
  if (!projectId || !UUID.test(projectId)) return notFound();
  const logo = await getLogo(await getDb(), projectId);
  if (!logo) return notFound();

  // The console links to ?v=<updatedAt>, so a new logo shows at once despite the 5-minute cache.
  const etag = `"${logo.updatedAt.getTime().toString(36)}-${logo.bytes.byteLength.toString(36)}"`;
  const headers = {
    ...SAFETY_HEADERS,
    "Content-Type": logo.contentType,
    "Cache-Control": "public, max-age=300",
    ETag: etag,
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(logo.bytes), {
    headers: { ...headers, "Content-Length": String(logo.bytes.byteLength) },
  });
}
