import { index, numeric, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, ts, updatedAt } from "./types";

/**
 * The sandbox provider's own records: what a real gateway (Banxa, MoonPay, …) would keep
 * on its side. Only the sandbox routes under /sandbox touch this table; the platform
 * knows a payment only through the provider's API and callbacks, as with a real gateway.
 */
export const sandboxPayment = pgTable(
  "sandbox_payment",
  {
    /** The provider's order id (`providerOrderId` on our order). */
    id: text("id").primaryKey(),
    gatewayId: text("gateway_id").notNull(),
    /** buy: the tester pays; sell: the tester sends crypto to `depositAddress`, then the payout is approved or declined. */
    type: text("type").$type<"buy" | "sell">().notNull().default("buy"),
    /** Our order id, as the partner (we) sent it. */
    partnerOrderId: text("partner_order_id").notNull(),
    fiatCurrency: text("fiat_currency").notNull(),
    fiatAmount: numeric("fiat_amount").notNull(),
    cryptoCurrency: text("crypto_currency").notNull(),
    cryptoAmount: numeric("crypto_amount").notNull(),
    network: text("network").notNull(),
    walletAddress: text("wallet_address").notNull(),
    email: text("email"),
    /**
     * Buy: pending → approved | declined; approved → refunded.
     * Sell: pending → deposited (marked Sent) → approved (payout sent) | refunded (payout declined, crypto returned).
     */
    status: text("status").$type<"pending" | "deposited" | "approved" | "declined" | "refunded">().notNull().default("pending"),
    /** Sell: the sandbox's deposit address and the deadline for the deposit. */
    depositAddress: text("deposit_address"),
    depositExpiresAt: ts("deposit_expires_at"),
    callbackUrl: text("callback_url").notNull(),
    /** Where the customer's browser goes after paying. */
    returnUrl: text("return_url"),
    transactionHash: text("transaction_hash"),
    expiresAt: ts("expires_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("sandbox_payment_partner_order_idx").on(t.partnerOrderId)],
);
