/**
 * A local stand-in for Banxa's partner API (https://docs.banxa.com/docs/step-3-authentication,
 * /reference/get-prices, /reference/create-order, /docs/order-status, /docs/webhooks,
 * /reference/errors). Written from the docs, not from our adapter: it signs and checks with its
 * own code.
 *
 * - Every request must carry `Authorization: Bearer <key>:<signature>:<nonce>`, signature = hex
 *   HMAC-SHA256(secret, METHOD\nPATH[?QUERY]\nNONCE[\nBODY]); a nonce is a timestamp, used once.
 *   Refusals use Banxa's documented error shape `{ errors: [{ status, code, title }] }` with 401.
 * - GET /api/fiats/buy, GET /api/prices, POST /api/orders, GET /api/orders/:id.
 * - Sells (/docs/sell-order-integration-guide, /reference/create-order): Create Order with the coin as
 *   `source`, the fiat as `target` and a required `refund_address`; the order is a "CRYPTO-SELL" whose
 *   `wallet_address` (Banxa's deposit address) is empty until `waitingPayment` (KYC and payout details done).
 * - Webhooks: POST { order_id, status, status_date } to the callback URL, signed the same way
 *   over the callback URL's path, with the API secret (Banxa signs webhooks with it).
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { FIAT_USD_RATE } from "~/gateways/catalogue";
import type { GatewayStandIn, SellStep, SentCallback, StartStandIn } from "./types";

const OUTCOME_STATUS = { completed: "complete", failed: "declined", refunded: "refunded" } as const;
/** Banxa's order statuses for a sell's stages (docs: order status). */
const SELL_STATUS: Record<SellStep, string> = {
  awaiting_deposit: "waitingPayment",
  deposit_received: "paymentReceived",
  completed: "complete",
  failed: "declined",
  expired: "expired",
  refunded: "refunded",
};
const isFiat = (code: string | null) => Boolean(code && FIAT_USD_RATE[code]);

function hmac(secret: string, message: string) {
  return crypto.createHmac("sha256", secret).update(message).digest("hex");
}

function refuse(response: http.ServerResponse, status: string, title: string) {
  response.writeHead(401, { "Content-Type": "application/json" });
  response.end(JSON.stringify({ errors: [{ status, code: "401", title }] }));
}

export const startBanxaStandIn: StartStandIn = (options) => startBanxa(options);

/** As startBanxaStandIn, on a chosen port (the e2e suite's, see test/stand-ins/serve.ts). */
export async function startBanxa({ callbackUrl, port = 0 }: { callbackUrl: string; port?: number }): Promise<GatewayStandIn> {
  const credentials = { partner: "standin", apiKey: "banxa_standin_key_7Q2x", apiSecret: "banxa_standin_secret_Zr81Lm4Pq0Ws" };
  const orders: GatewayStandIn["orders"] = new Map();
  const seenNonces = new Set<string>();
  let next = 1000;

  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      const match = (request.headers.authorization ?? "").match(/^Bearer ([^:]+):([0-9a-f]+):(\d+)$/);
      if (!match) return refuse(response, "40101", "Hmac Error - Auth digest is malformed");
      const [, key, signature, nonce] = match as unknown as [string, string, string, string];
      if (key !== credentials.apiKey) return refuse(response, "40100", "Hmac Error - Merchant not found");
      if (seenNonces.has(nonce)) return refuse(response, "40003", "Hmac Error - Nonce has been used before. Please regenerate the nonce and try again");
      if (Math.abs(Date.now() - Number(nonce)) > 5 * 60_000)
        return refuse(response, "40002", "Hmac Error - Nonce time is too different from our system. Please regenerate nonce using current UTC");
      const message = [request.method, path, nonce, ...(request.method === "POST" ? [body] : [])].join("\n");
      if (signature !== hmac(credentials.apiSecret, message)) return refuse(response, "40103", "You are not authorized to access this resource.");
      seenNonces.add(nonce);
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { "Content-Type": "application/json" });
        response.end(JSON.stringify(payload));
      };
      const url = new URL(path, "http://standin");
      if (request.method === "GET" && url.pathname === "/api/fiats/buy") return send(200, { data: { fiats: [{ fiat_code: "USD", fiat_name: "US Dollar" }] } });
      if (request.method === "GET" && url.pathname === "/api/prices" && !isFiat(url.searchParams.get("source"))) {
        // A sell: the coin is the source; the fiat paid for it, net of fees.
        const coins = Number(url.searchParams.get("source_amount") ?? "0");
        const gross = coins * 3200;
        return send(200, {
          data: {
            spot_price: "3250.00",
            prices: [
              {
                payment_method_id: 6040,
                type: "CRYPTO_TO_FIAT",
                spot_price_including_fee: "3200",
                coin_amount: coins.toFixed(8),
                coin_code: url.searchParams.get("source"),
                fiat_amount: (gross - 2.5 - 1.2).toFixed(2),
                fiat_code: url.searchParams.get("target"),
                fee_amount: "2.50",
                network_fee: "1.20",
              },
            ],
          },
        });
      }
      if (request.method === "GET" && url.pathname === "/api/prices") {
        const amount = Number(url.searchParams.get("source_amount") ?? "0");
        const fee = 2.5;
        const networkFee = 1.2;
        const spot = 3300; // USD per ETH, fee included
        const coins = ((amount - fee - networkFee) / spot).toFixed(8);
        return send(200, {
          data: {
            spot_price: "3250.00",
            prices: [
              {
                payment_method_id: 6037,
                type: "FIAT_TO_CRYPTO",
                spot_price_fee: "50.00",
                spot_price_including_fee: String(spot),
                coin_amount: coins,
                coin_code: url.searchParams.get("target"),
                fiat_amount: amount.toFixed(2),
                fiat_code: url.searchParams.get("source"),
                fee_amount: fee.toFixed(2),
                network_fee: networkFee.toFixed(2),
              },
            ],
          },
        });
      }
      if (request.method === "POST" && url.pathname === "/api/orders") {
        let order: Record<string, string>;
        try {
          order = JSON.parse(body);
        } catch {
          return send(422, { errors: [{ status: "4002", code: "422", title: "Validation error" }] });
        }
        if (body !== JSON.stringify(order))
          return send(422, { errors: [{ status: "4002", code: "422", title: "Validation error: body must be compact JSON" }] });
        if (isFiat(order.target ?? null)) {
          for (const field of ["account_reference", "source", "target", "refund_address", "return_url_on_success"]) {
            if (!order[field]) return send(422, { errors: [{ status: "4002", code: "422", title: `Validation error: ${field} is required` }] });
          }
          const id = `bx${(next++).toString(16)}${crypto.randomBytes(12).toString("hex")}`;
          const coins = Number(order.source_amount);
          const record = {
            id,
            account_reference: order.account_reference,
            order_type: "CRYPTO-SELL",
            status: "pendingPayment",
            fiat_code: order.target,
            fiat_amount: (coins * 3200 - 3.7).toFixed(2),
            coin_code: order.source,
            coin_amount: coins.toFixed(8),
            fee: "2.50",
            network_fee: "1.20",
            // Banxa's deposit address: none until the customer passes KYC and enters payout details.
            wallet_address: null as string | null,
            refund_address: order.refund_address,
            blockchain: { code: order.blockchain, description: order.blockchain },
            meta_data: order.meta_data ?? null,
            tx_hash: null as string | null,
            created_at: new Date().toISOString(),
            checkout_url: `https://checkout.banxa.example/${id}`,
          };
          orders.set(id, { partnerOrderId: order.meta_data ?? "", status: "pendingPayment", body: record });
          return send(200, { data: { order: record } });
        }
        for (const field of ["account_reference", "source", "target", "wallet_address", "return_url_on_success"]) {
          if (!order[field]) return send(422, { errors: [{ status: "4002", code: "422", title: `Validation error: ${field} is required` }] });
        }
        const id = `bx${(next++).toString(16)}${crypto.randomBytes(12).toString("hex")}`;
        const amount = Number(order.source_amount);
        const record = {
          id,
          account_reference: order.account_reference,
          order_type: "CRYPTO-BUY",
          status: "pendingPayment",
          fiat_code: order.source,
          fiat_amount: amount.toFixed(2),
          coin_code: order.target,
          coin_amount: ((amount - 3.7) / 3300).toFixed(8),
          fee: "2.50",
          network_fee: "1.20",
          wallet_address: order.wallet_address,
          blockchain: { code: order.blockchain, description: order.blockchain },
          meta_data: order.meta_data ?? null,
          tx_hash: null as string | null,
          created_at: new Date().toISOString(),
          checkout_url: `https://checkout.banxa.example/${id}`,
        };
        orders.set(id, { partnerOrderId: order.meta_data ?? "", status: "pendingPayment", body: record });
        return send(200, { data: { order: record } });
      }
      const got = url.pathname.match(/^\/api\/orders\/([^/]+)$/);
      if (request.method === "GET" && got) {
        const stored = orders.get(decodeURIComponent(got[1]!));
        if (!stored) return send(404, { errors: [{ status: "1", code: "404", title: "Order not found" }] });
        return send(200, { data: { order: { ...(stored.body as object), status: stored.status } } });
      }
      return send(404, { errors: [{ status: "404", code: "404", title: "Not found" }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function post(headers: Record<string, string>, body: string): Promise<SentCallback> {
    const response = await fetch(callbackUrl, { method: "POST", headers, body });
    return { headers, body, status: response.status, answer: await response.text() };
  }

  let lastWebhookNonce = 0;
  /** Banxa's webhook: the order id and status, signed over our endpoint's path with the API secret. */
  function notify(providerOrderId: string, status: string) {
    const body = JSON.stringify({ order_id: providerOrderId, status, status_date: new Date().toISOString().slice(0, 19).replace("T", " ") });
    lastWebhookNonce = Math.max(Date.now(), lastWebhookNonce + 1);
    const nonce = String(lastWebhookNonce);
    const path = new URL(callbackUrl).pathname;
    const signature = hmac(credentials.apiSecret, ["POST", path, nonce, body].join("\n"));
    return post({ "Content-Type": "application/json", Authorization: `Bearer ${credentials.apiKey}:${signature}:${nonce}` }, body);
  }

  return {
    gatewayId: "banxa",
    baseUrl,
    credentials,
    callbackSecret: credentials.apiSecret,
    orders,
    async settle(providerOrderId, outcome) {
      const stored = orders.get(providerOrderId);
      if (!stored) throw new Error(`stand-in has no order ${providerOrderId}`);
      stored.status = OUTCOME_STATUS[outcome];
      if (outcome === "completed") (stored.body as { tx_hash: string }).tx_hash = `0x${crypto.randomBytes(32).toString("hex")}`;
      return notify(providerOrderId, stored.status);
    },
    async sellStep(providerOrderId, step) {
      const stored = orders.get(providerOrderId);
      const record = stored?.body as { order_type: string; wallet_address: string | null; tx_hash: string | null } | undefined;
      if (!stored || record?.order_type !== "CRYPTO-SELL") throw new Error(`stand-in has no sell order ${providerOrderId}`);
      stored.status = SELL_STATUS[step];
      if (step === "awaiting_deposit" && !record.wallet_address) record.wallet_address = `0x${crypto.randomBytes(20).toString("hex")}`;
      // The customer's deposit transaction.
      if (step === "deposit_received") record.tx_hash = `0x${crypto.randomBytes(32).toString("hex")}`;
      return notify(providerOrderId, stored.status);
    },
    depositAddressOf(providerOrderId) {
      return (orders.get(providerOrderId)?.body as { wallet_address?: string | null } | undefined)?.wallet_address ?? null;
    },
    resend: (callback) => post(callback.headers, callback.body),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
