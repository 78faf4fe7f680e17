/**
 * Test mode's adapter: every catalogue gateway played by the built-in sandbox provider
 * (/sandbox/<gateway>/…), exactly as before adapters existed. It never serves a live order:
 * adapterFor() hands it out for test mode only, and the sandbox itself refuses live orders.
 */
import { z } from "zod";
import { gatewayById, type Gateway, type GatewayId } from "~/gateways/catalogue";
import { createProviderOrder, createProviderSale, refundProviderOrder } from "~/gateways/adapter.server";
import { priceQuote } from "~/quotes/pricing";
import { verifyCallback } from "~/sandbox/signing.server";
import type { AdapterOrderStatus, GatewayAdapter } from "./types";

const callbackSchema = z.object({
  providerOrderId: z.string(),
  partnerOrderId: z.string(),
  // processing: a sale's deposit arrived.
  status: z.enum(["processing", "completed", "failed", "refunded"]),
  cryptoAmount: z.string().nullish(),
  fiatAmount: z.string().nullish(),
  depositAddress: z.string().nullish(),
  transactionHash: z.string().nullish(),
  failureReason: z.string().nullish(),
  // Kept as the order's refundReason; cut rather than refused, so a wordy provider's refund still applies.
  refundReason: z
    .string()
    .nullish()
    .transform((reason) => reason?.slice(0, 500) ?? null),
});

const STATUSES: Record<string, AdapterOrderStatus> = { processing: "processing", completed: "completed", failed: "failed", refunded: "refunded" };

/** The sandbox adapter playing one catalogue gateway. */
export function sandboxAdapter(gatewayId: GatewayId): GatewayAdapter {
  const gateway: Gateway = gatewayById(gatewayId)!;
  return {
    gatewayId: "sandbox",
    docs: ["docs/api-contract.md#sandbox"],
    credentialFields: [],
    async testConnection() {},
    async quote(_conn, request) {
      const priced = priceQuote(gateway, {
        fiat: request.fiatCurrency,
        crypto: request.cryptoCurrency,
        network: request.network,
        fiatAmount: request.fiatAmount,
      });
      return { rate: priced.rate, fiatAmount: priced.fiatAmount, cryptoAmount: priced.cryptoAmount, fees: priced.fees, paymentMethod: request.paymentMethod };
    },
    async createOrder(_conn, request) {
      return createProviderOrder(gateway, {
        partnerOrderId: request.partnerOrderId,
        fiatCurrency: request.fiatCurrency,
        fiatAmount: request.fiatAmount,
        cryptoCurrency: request.cryptoCurrency,
        network: request.network,
        walletAddress: request.walletAddress,
        email: request.email,
        returnUrl: request.returnUrl,
      });
    },
    async createSellOrder(_conn, request) {
      return createProviderSale(gateway, {
        partnerOrderId: request.partnerOrderId,
        cryptoCurrency: request.cryptoCurrency,
        cryptoAmount: request.cryptoAmount,
        network: request.network,
        fiatCurrency: request.fiatCurrency,
        refundAddress: request.refundAddress,
        email: request.email,
        payoutMethod: request.payoutMethod,
        returnUrl: request.returnUrl,
      });
    },
    async refund(_conn, request) {
      const refunded = await refundProviderOrder(gateway, request);
      return { providerOrderId: refunded.providerOrderId, status: "refunded" };
    },
    async verifyCallback(_conn, input) {
      const headers = input.headers;
      if (!verifyCallback(input.rawBody, headers.get("x-sandbox-timestamp"), headers.get("x-sandbox-signature"), input.receivedAt.getTime())) {
        return { ok: false, reason: "bad_signature", message: "invalid signature" };
      }
      let json: unknown;
      try {
        json = JSON.parse(input.rawBody);
      } catch {
        return { ok: false, reason: "malformed", message: "invalid payload" };
      }
      const parsed = callbackSchema.safeParse(json);
      if (!parsed.success) return { ok: false, reason: "malformed", message: "invalid payload" };
      const body = parsed.data;
      return {
        ok: true,
        update: {
          providerOrderId: body.providerOrderId,
          partnerOrderId: body.partnerOrderId,
          status: body.status,
          providerStatus: body.status,
          cryptoAmount: body.cryptoAmount ?? null,
          fiatAmount: body.fiatAmount ?? null,
          depositAddress: body.depositAddress ?? null,
          transactionHash: body.transactionHash ?? null,
          failureReason: body.failureReason ?? null,
          refundReason: body.refundReason,
        },
      };
    },
    mapStatus(providerStatus) {
      return STATUSES[providerStatus] ?? null;
    },
  };
}
