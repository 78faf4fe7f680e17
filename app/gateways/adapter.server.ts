/**
 * The platform's gateway adapter: creates the provider-side order over HTTP. Every gateway
 * of this demo is served by the sandbox provider (test mode always; live mode too, until real
 * provider integrations exist), at PROVIDER_BASE_URL (default: this app's BASE_URL).
 */
import { z } from "zod";
import { ApiError } from "../api/errors";
import type { Gateway } from "./catalogue";
import { env } from "../lib/env.server";
import { logger } from "../lib/logger.server";
import { providerFetch } from "../sandbox/http.server";

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
    throw new ApiError("GATEWAY_UNAVAILABLE", `${gateway.name} did not answer. Try again, or choose another gateway.`);
  }
  const body = await response.json().catch(() => null);
  const parsed = providerOrderSchema.safeParse(body);
  if (!response.ok || !parsed.success) {
    logger.warn("gateway.refused", { gateway: gateway.id, status: response.status });
    throw new ApiError("GATEWAY_UNAVAILABLE", `${gateway.name} could not create the order (status ${response.status}). Try again, or choose another gateway.`);
  }
  return parsed.data;
}
