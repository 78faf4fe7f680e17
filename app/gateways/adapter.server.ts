/**
 * The platform's gateway adapter: creates and refunds the provider-side order over HTTP. Every gateway
 * of this demo is served by the sandbox provider (test mode always; live mode too, until real
 * provider integrations exist), at PROVIDER_BASE_URL (default: this app's BASE_URL).
 */
import { z } from "zod";
import { DomainError } from "~/lib/domain-error";
import type { Gateway } from "./catalogue";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { providerFetch } from "~/sandbox/http.server";
import { signProviderRequest } from "~/sandbox/signing.server";

const providerOrderSchema = z.object({
  providerOrderId: z.string(),
  checkoutMethod: z.enum(["redirect", "iframe"]),
  checkoutUrl: z.string().url(),
  expiresAt: z.string(),
  rate: z.string(),
  fiatAmount: z.string(),
  cryptoAmount: z.string(),
  fees: z.object({ gateway: z.string(), network: z.string(), total: z.string() }),
});

export type ProviderOrder = z.infer<typeof providerOrderSchema>;

export interface ProviderOrderRequest {
  partnerOrderId: string;
  fiatCurrency: string;
  fiatAmount: string;
  cryptoCurrency: string;
  network: string;
  walletAddress: string;
  email: string | null;
  returnUrl: string;
}

export function providerBaseUrl() {
  return (process.env.PROVIDER_BASE_URL || env().BASE_URL).replace(/\/$/, "");
}

/** Where providers call back about an order of this gateway. */
export function callbackUrl(gateway: Gateway) {
  return `${env().BASE_URL}/callbacks/sandbox/${gateway.id}`;
}

export async function createProviderOrder(gateway: Gateway, request: ProviderOrderRequest): Promise<ProviderOrder> {
  return postOrder(gateway, request, providerOrderSchema);
}

async function postOrder<S extends z.ZodType>(gateway: Gateway, request: object, answer: S): Promise<z.infer<S>> {
  const url = `${providerBaseUrl()}/sandbox/${gateway.id}/api/orders`;
  let response: Response;
  try {
    response = await providerFetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...request, callbackUrl: callbackUrl(gateway) }),
    });
  } catch (error) {
    logger.warn("gateway.unreachable", { gateway: gateway.id, error: error instanceof Error ? error.message : String(error) });
    throw new DomainError("GATEWAY_UNAVAILABLE", `${gateway.name} did not answer. Try again, or choose another gateway.`);
  }
  const body = await response.json().catch(() => null);
  const parsed = answer.safeParse(body);
  if (!response.ok || !parsed.success) {
    logger.warn("gateway.refused", { gateway: gateway.id, status: response.status });
    throw new DomainError(
      "GATEWAY_UNAVAILABLE",
      `${gateway.name} could not create the order (status ${response.status}). Try again, or choose another gateway.`,
    );
  }
  return parsed.data;
}

const providerSaleSchema = providerOrderSchema.extend({ depositAddress: z.string().nullable(), depositExpiresAt: z.string() });
export type ProviderSale = z.infer<typeof providerSaleSchema>;

export interface ProviderSaleRequest {
  partnerOrderId: string;
  cryptoCurrency: string;
  cryptoAmount: string;
  network: string;
  fiatCurrency: string;
  refundAddress: string;
  email: string | null;
  payoutMethod: string | null;
  returnUrl: string;
}

/** Opens a sale (off-ramp) at the provider: its answer carries the deposit address and deadline. */
export async function createProviderSale(gateway: Gateway, request: ProviderSaleRequest): Promise<ProviderSale> {
  return postOrder(gateway, { type: "sell", ...request }, providerSaleSchema);
}

const providerRefundSchema = z.object({ providerOrderId: z.string(), status: z.literal("refunded"), refundedAt: z.string() });

export interface ProviderRefundRequest {
  providerOrderId: string;
  partnerOrderId: string;
  reason: string | null;
}

/**
 * Asks the provider to refund the payment. Its answer only accepts the refund: the order moves
 * when the provider's signed callback says `refunded` (the sandbox sends it before answering).
 * The provider refunds a payment once, so asking again after an unclear failure is safe.
 */
export async function refundProviderOrder(gateway: Gateway, request: ProviderRefundRequest) {
  const path = `/sandbox/${gateway.id}/api/orders/${encodeURIComponent(request.providerOrderId)}/refund`;
  const body = JSON.stringify({ partnerOrderId: request.partnerOrderId, reason: request.reason });
  let response: Response;
  try {
    response = await providerFetch(`${providerBaseUrl()}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...signProviderRequest(path, body) },
      body,
    });
  } catch (error) {
    logger.warn("gateway.unreachable", { gateway: gateway.id, error: error instanceof Error ? error.message : String(error) });
    throw new DomainError("GATEWAY_UNAVAILABLE", `${gateway.name} did not answer. Nothing was refunded on our side; try again.`);
  }
  const answer = (await response.json().catch(() => null)) as { error?: unknown } | null;
  const parsed = providerRefundSchema.safeParse(answer);
  if (!response.ok || !parsed.success) {
    logger.warn("gateway.refund_refused", { gateway: gateway.id, status: response.status });
    const why = typeof answer?.error === "string" ? ` ${answer.error}` : "";
    throw new DomainError("GATEWAY_UNAVAILABLE", `${gateway.name} refused the refund (status ${response.status}).${why}`);
  }
  return parsed.data;
}
