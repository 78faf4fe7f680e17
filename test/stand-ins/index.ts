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
import type { SellStep, StartStandIn } from "./types";

export const STAND_INS: Partial<Record<GatewayId, StartStandIn>> = {
  banxa: startBanxaStandIn,
  // ── Registered at merge (issue 14, second helper) ──
  moonpay: startMoonpayStandIn,
  transak: startTransakStandIn,
  mercuryo: startMercuryoStandIn,
};

/**
 * The stand-ins that play sells (`sellStep`), with what their gateway documents: the steps it has a
 * status for, and whether it gives the deposit address only by a later callback (after KYC).
 */
export const SELL_STAND_INS: Partial<Record<GatewayId, { steps: readonly SellStep[]; lateDepositAddress: boolean }>> = {
  banxa: { steps: ["awaiting_deposit", "deposit_received", "completed", "failed", "expired", "refunded"], lateDepositAddress: true },
  moonpay: { steps: ["awaiting_deposit", "deposit_received", "completed", "failed", "expired"], lateDepositAddress: true },
  // Transak shows its deposit address in its widget only: no address reaches us.
  transak: { steps: ["awaiting_deposit", "deposit_received", "completed", "failed", "expired", "refunded"], lateDepositAddress: false },
};
