/**
 * The adapter registry: which adapter reaches a gateway in which mode.
 *   test → the built-in sandbox provider, playing every catalogue gateway;
 *   live → the gateway's own partner API, with the project's credentials.
 * A gateway with no live adapter registered can't be connected in live mode (its quotes and
 * orders say so); it is never replaced by the sandbox. See docs/decisions/0014-gateway-adapters.md.
 */
import type { Mode } from "~db/schema/types";
import { DomainError } from "~/lib/domain-error";
import { gatewayById, type GatewayId } from "~/gateways/catalogue";
import { BANXA_PRODUCTION_URL, banxaAdapter } from "./banxa";
import { MERCURYO_PRODUCTION_URL, mercuryoAdapter } from "./mercuryo";
import { MOONPAY_PRODUCTION_URL, moonpayAdapter } from "./moonpay";
import { sandboxAdapter } from "./sandbox";
import { TRANSAK_PRODUCTION_URL, transakAdapter } from "./transak";
import type { GatewayAdapter } from "./types";

export interface LiveGateway {
  adapter: GatewayAdapter;
  /** The provider's documented production base URL; GATEWAY_<ID>_BASE_URL overrides it (their sandbox, a stand-in). */
  defaultBaseUrl: string;
}

export const LIVE_GATEWAYS: Partial<Record<GatewayId, LiveGateway>> = {
  banxa: { adapter: banxaAdapter, defaultBaseUrl: BANXA_PRODUCTION_URL },
  // ── Registered at merge (issue 14, second helper): one line per adapter module ──────────────
  moonpay: { adapter: moonpayAdapter, defaultBaseUrl: MOONPAY_PRODUCTION_URL },
  transak: { adapter: transakAdapter, defaultBaseUrl: TRANSAK_PRODUCTION_URL },
  mercuryo: { adapter: mercuryoAdapter, defaultBaseUrl: MERCURYO_PRODUCTION_URL },
};

export function liveGateway(gatewayId: string): LiveGateway | null {
  return (LIVE_GATEWAYS as Record<string, LiveGateway | undefined>)[gatewayId] ?? null;
}

/** The adapter for a gateway in a mode. Live without a registered adapter: GATEWAY_UNAVAILABLE. */
export function adapterFor(gatewayId: string, mode: Mode): GatewayAdapter {
  const gateway = gatewayById(gatewayId);
  if (!gateway) throw new DomainError("INVALID_GATEWAY", `Unknown gateway ${gatewayId}.`);
  if (mode === "test") return sandboxAdapter(gateway.id);
  const live = liveGateway(gateway.id);
  if (!live) throw new DomainError("GATEWAY_UNAVAILABLE", `${gateway.name} has no live integration yet.`);
  return live.adapter;
}

/** GATEWAY_<ID>_BASE_URL, else the provider's documented production URL. */
export function liveBaseUrl(gatewayId: string): string {
  const configured = process.env[`GATEWAY_${gatewayId.toUpperCase()}_BASE_URL`]?.trim();
  return (configured || liveGateway(gatewayId)?.defaultBaseUrl || "").replace(/\/$/, "");
}
