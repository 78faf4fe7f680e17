/**
 * Every gateway stand-in, by gateway id: the live-flow suite (test/live-flow.test.ts) runs once
 * per entry, so a gateway joins it by adding its stand-in here (and its adapter to
 * app/gateways/adapters/index.ts).
 */
import type { GatewayId } from "~/gateways/catalogue";
import { startBanxaStandIn } from "./banxa";
import { startMercuryoStandIn } from "./mercuryo";
import { startMoonpayStandIn } from "./moonpay";
import { startTransakStandIn } from "./transak";
import type { StartStandIn } from "./types";

export const STAND_INS: Partial<Record<GatewayId, StartStandIn>> = {
  banxa: startBanxaStandIn,
  // ── Registered at merge (issue 14, second helper) ──
  moonpay: startMoonpayStandIn,
  transak: startTransakStandIn,
  mercuryo: startMercuryoStandIn,
};
