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
    /** Our order id, as the partner (we) sent it. */
    partnerOrderId: text("partner_order_id").notNull(),
    fiatCurrency: text("fiat_currency").notNull(),
    fiatAmount: numeric("fiat_amount").notNull(),
    cryptoCurrency: text("crypto_currency").notNull(),
    cryptoAmount: numeric("crypto_amount").notNull(),
    network: text("network").notNull(),
    walletAddress: text("wallet_address").notNull(),
    email: text("email"),
    /** pending → approved | declined; approved → refunded. */
    status: text("status").$type<"pending" | "approved" | "declined" | "refunded">().notNull().default("pending"),
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
