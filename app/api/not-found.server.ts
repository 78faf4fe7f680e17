/** The answer to a path under /v1/ or /public/v1/ that no endpoint serves (the `$` splat routes). */
import { DomainError } from "~/lib/domain-error";
import { handleApi } from "./respond.server";

export function endpointNotFound(args: { request: Request; params: Record<string, string | undefined> }) {
  return handleApi(args, async ({ request }) => {
    const path = new URL(request.url).pathname;
    throw new DomainError("NOT_FOUND", `No endpoint answers ${request.method} ${path}. The API reference is at /v1/openapi.json.`);
  });
}
