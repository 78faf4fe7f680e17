/** Who may do what to orders in the console: no server imports, so pages may use it to hide buttons too. */
import type { Permission } from "../lib/roles";

/** Refunding an order (money goes back to the customer): admins; developers in test mode only. */
export function refundOrders(mode: "test" | "live"): Permission {
  return { order: [mode === "live" ? "refundLive" : "refundTest"] };
}
