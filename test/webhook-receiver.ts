/**
 * A partner's webhook receiver for tests (integration and e2e): an HTTP server on a free
 * local port that records every request and verifies it with the `standardwebhooks` package,
 * as a partner would. Answers 200 unless told otherwise (`respondWith`), optionally slowly.
 *
 *   const receiver = await startWebhookReceiver();
 *   receiver.secret = "whsec_…";         // the endpoint's secret, once known
 *   await receiver.waitFor((r) => r.type === "order.completed");
 *   await receiver.close();
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  /** Parsed body. */
  payload: { id: string; type: string; createdAt: string; data: Record<string, any> };
  type: string;
  /** `webhook-id`: the event id. */
  id: string;
  /** Verified with standardwebhooks against `secret` at arrival (null when no secret was set). */
  verified: boolean | null;
  /** The provider-scheme header (`X-Webhook-Signature`, hex HMAC of `timestamp.body`) checked too. */
  providerSignatureValid: boolean | null;
  receivedAt: number;
  /** The status this receiver answered. */
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  secret: string | null;
  received: ReceivedWebhook[];
  /** Status to answer, per request (default 200). */
  respondWith: (request: { payload: ReceivedWebhook["payload"]; attempt: number }) => number;
  /** Delay before answering, ms (default 0). */
  delayMs: number;
  /** Highest number of requests for one webhook-id being handled at the same moment. */
  maxConcurrentPerId: number;
  /** Requests being handled right now (arrived, not yet answered). */
  pending: number;
  /** The webhook-ids of those requests. */
  inFlightIds(): string[];
  waitFor(predicate: (r: ReceivedWebhook) => boolean, options?: { count?: number; timeoutMs?: number }): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export function providerSignature(secret: string, timestamp: string, body: string) {
  return crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export async function startWebhookReceiver(options: { port?: number; secret?: string } = {}): Promise<WebhookReceiver> {
  const inFlight = new Map<string, number>();
  const attempts = new Map<string, number>();
  const receiver: WebhookReceiver = {
    url: "",
    port: 0,
    secret: options.secret ?? null,
    received: [],
    respondWith: () => 200,
    delayMs: 0,
    maxConcurrentPerId: 0,
    pending: 0,
    inFlightIds: () => [...inFlight].filter(([, count]) => count > 0).map(([id]) => id),
    async waitFor(predicate, { count = 1, timeoutMs = 15_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matches = receiver.received.filter(predicate);
        if (matches.length >= count) return matches;
        if (Date.now() > deadline) {
          throw new Error(
            `Timed out waiting for ${count} webhook(s); got ${matches.length} matching of ${receiver.received.length}: ${receiver.received.map((r) => r.type).join(", ")}`,
          );
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const id = headers["webhook-id"] ?? "";
      receiver.pending++;
      const now = (inFlight.get(id) ?? 0) + 1;
      inFlight.set(id, now);
      receiver.maxConcurrentPerId = Math.max(receiver.maxConcurrentPerId, now);
      let payload: ReceivedWebhook["payload"];
      try {
        payload = JSON.parse(body);
      } catch {
        payload = { id: "", type: "", createdAt: "", data: {} };
      }
      let verified: boolean | null = null;
      let providerSignatureValid: boolean | null = null;
      if (receiver.secret) {
        try {
          new Webhook(receiver.secret).verify(body, headers);
          verified = true;
        } catch {
          verified = false;
        }
        providerSignatureValid = headers["x-webhook-signature"] === providerSignature(receiver.secret, headers["x-webhook-timestamp"] ?? "", body);
      }
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      const status = receiver.respondWith({ payload, attempt });
      if (receiver.delayMs) await new Promise((r) => setTimeout(r, receiver.delayMs));
      receiver.received.push({ headers, body, payload, type: payload.type, id, verified, providerSignatureValid, receivedAt: Date.now(), answered: status });
      inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
      receiver.pending--;
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify({ received: status < 300 }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/webhooks`;
  return receiver;
}
