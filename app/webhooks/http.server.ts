/**
 * One webhook POST: no redirects followed (a 3xx is a failure), 30 s timeout, at most 4 KB of
 * the answer kept. Plain node:http so the connection's own DNS lookup can be checked (SSRF).
 */
import http from "node:http";
import https from "node:https";
import { publicOnlyLookup } from "./ssrf.server";

const DELIVERY_TIMEOUT_MS = 30_000;
const RESPONSE_EXCERPT_BYTES = 4096;

export interface PostResult {
  status: number | null;
  bodyExcerpt: string | null;
  latencyMs: number;
  error: string | null;
}

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export function postWebhook(
  url: URL,
  headers: Record<string, string>,
  body: string,
  options: { publicOnly: boolean; timeoutMs?: number },
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, latencyMs: elapsed() });
    };
    const request = transport.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        agent: url.protocol === "https:" ? agents.https : agents.http,
        ...(options.publicOnly ? { lookup: publicOnlyLookup } : {}),
        timeout: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on("data", (chunk: Buffer) => {
          if (kept < RESPONSE_EXCERPT_BYTES) {
            chunks.push(chunk.subarray(0, RESPONSE_EXCERPT_BYTES - kept));
            kept += Math.min(chunk.length, RESPONSE_EXCERPT_BYTES - kept);
          }
        });
        response.on("end", () => finish({ status: response.statusCode ?? null, bodyExcerpt: Buffer.concat(chunks).toString("utf8"), error: null }));
        response.on("error", (error) =>
          finish({ status: response.statusCode ?? null, bodyExcerpt: Buffer.concat(chunks).toString("utf8"), error: error.message }),
        );
      },
    );
    // The whole exchange, not just socket idleness, must fit in the timeout.
    const deadline = setTimeout(
      () => request.destroy(new Error(`No answer within ${Math.round((options.timeoutMs ?? DELIVERY_TIMEOUT_MS) / 1000)} s`)),
      options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
    );
    request.on("timeout", () => request.destroy(new Error("Timed out")));
    request.on("error", (error) => finish({ status: null, bodyExcerpt: null, error: error.message }));
    request.on("close", () => clearTimeout(deadline));
    request.end(body);
  });
}

export function isSuccess(result: PostResult) {
  return result.error === null && result.status !== null && result.status >= 200 && result.status < 300;
}
