import crypto from "node:crypto";
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { CHECKOUT_ROUTE_IDS, checkoutSecurityHeaders } from "./checkout/security.server";
import { describeError, logger } from "./lib/logger.server";
import { consoleContentSecurityPolicy } from "./lib/security-headers.server";
import { NonceProvider } from "./lib/nonce";

// server.js calls these through the build's entry module: one database handle per process.
export { startApp, stopApp } from "./lib/startup.server";
export { CLIENT_IP_HEADER } from "./lib/auth.server";
export { API_PATH, apiErrorResponse, bodyLimit, bodyTimeoutMs } from "./api/body.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  // Every document's inline scripts carry a fresh nonce; pages with a strict policy rely on it.
  const nonce = crypto.randomBytes(16).toString("base64");
  const strict = remixContext.staticHandlerContext.matches.some((match) => CHECKOUT_ROUTE_IDS.has(match.route.id));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // A route may allow framing by its own origin (the sandbox payment page); the default is never.
          if (!responseHeaders.has("X-Frame-Options")) responseHeaders.set("X-Frame-Options", "DENY");
          responseHeaders.set("X-Content-Type-Options", "nosniff");
          responseHeaders.set("Referrer-Policy", "strict-origin-when-cross-origin");
          if (strict) for (const [name, value] of Object.entries(checkoutSecurityHeaders(nonce))) responseHeaders.set(name, value);
          else if (process.env.NODE_ENV !== "development" && !responseHeaders.has("Content-Security-Policy")) {
            const frameableBySelf = responseHeaders.get("X-Frame-Options") === "SAMEORIGIN";
            responseHeaders.set("Content-Security-Policy", consoleContentSecurityPolicy(nonce, { frameableBySelf }));
          }
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error("remix.render_error", { error: describeError(error) });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Server-side errors: expected ones (404s, aborted requests) are not logged as failures. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // Through the logger: a failed query's parameters (emails, addresses) are left out.
  logger.error("remix.error", { path: new URL(request.url).pathname, error: describeError(error) });
}
