/**
 * The plumbing the gateway stand-ins share: a node:http server on a free local port that hands
 * each request (with its raw body) to the stand-in's router, JSON answers, and posting a signed
 * callback the way a gateway does (recording our answer).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { SentCallback } from "./types";

export interface StandInRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The caller's IP address (IPv4-mapped IPv6 unwrapped). */
  remoteAddress: string;
}

export interface StandInAnswer {
  status: number;
  body: unknown;
  contentType?: string;
}

export function json(status: number, body: unknown): StandInAnswer {
  return { status, body };
}

export async function startStandInServer(route: (request: StandInRequest) => StandInAnswer | Promise<StandInAnswer>) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      let answer: StandInAnswer;
      try {
        answer = await route({
          method: req.method ?? "GET",
          url: new URL(req.url ?? "/", "http://stand-in"),
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          remoteAddress: (req.socket.remoteAddress ?? "").replace(/^::ffff:/, ""),
        });
      } catch (error) {
        answer = json(500, { message: error instanceof Error ? error.message : String(error) });
      }
      const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { "Content-Type": answer.contentType ?? "application/json" });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POSTs a callback exactly as given and records our answer. */
export async function postCallback(url: string, headers: Record<string, string>, body: string): Promise<SentCallback> {
  const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(10_000) });
  return { headers, body, status: response.status, answer: await response.text() };
}

export function header(request: StandInRequest, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * Plays the customer: opens an order's checkout URL (the gateway's widget, served by its stand-in)
 * and answers the gateway's own id for the transaction the customer thereby creates — the id
 * `settle` takes. Mercuryo's widget checks the signature against the opener's IP: create the
 * order with `customerIp: "127.0.0.1"`.
 */
export async function openCheckout(checkoutUrl: string): Promise<string> {
  const response = await fetch(checkoutUrl, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json().catch(() => null)) as { providerOrderId?: string; message?: string; error?: { message?: string } } | null;
  if (!response.ok || !body?.providerOrderId) {
    throw new Error(`The gateway's widget refused the checkout URL (HTTP ${response.status}): ${body?.message ?? body?.error?.message ?? "no message"}`);
  }
  return body.providerOrderId;
}
