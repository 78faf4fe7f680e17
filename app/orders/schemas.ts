/** Bodies of POST /v1/sessions/:id/order and POST /public/v1/onramp/checkout-intent (docs/api-contract.md#orders). */
import { z } from "zod";
import { GATEWAY_IDS } from "~/gateways/catalogue";
import { cryptoCurrencySchema, fiatAmountSchema, fiatCurrencySchema, metadataSchema, networkSchema } from "~/sessions/schemas";

const gatewaySchema = z.enum(GATEWAY_IDS, { message: `gateway is one of: ${GATEWAY_IDS.join(", ")}.` });
const emailSchema = z.string().trim().toLowerCase().email("email must be a valid email address.").max(254);
const walletSchema = z.string().trim().min(1).max(128);

export const sessionOrderSchema = z
  .object({
    clientSecret: z.string({ message: "clientSecret is required." }).min(1, "clientSecret is required."),
    gateway: gatewaySchema,
    fiatAmount: fiatAmountSchema.optional(),
    fiatCurrency: fiatCurrencySchema.optional(),
    cryptoCurrency: cryptoCurrencySchema.optional(),
    network: networkSchema.optional(),
    walletAddress: walletSchema.optional(),
    email: emailSchema.optional(),
    paymentMethod: z.string().max(64).optional(),
  })
  .strict();

export const checkoutIntentSchema = z
  .object({
    projectId: z.string().uuid("projectId is your project's UUID."),
    gateway: gatewaySchema,
    fiatCurrency: fiatCurrencySchema,
    fiatAmount: fiatAmountSchema,
    cryptoCurrency: cryptoCurrencySchema,
    network: networkSchema,
    walletAddress: walletSchema,
    email: emailSchema.optional(),
    paymentMethod: z.string().max(64).optional(),
    externalCustomerId: z.string().trim().min(1).max(255).optional(),
    redirectUrl: z.string().url().max(2048).optional(),
    partnerMetadata: metadataSchema.optional(),
  })
  .strict();

export type SessionOrderInput = z.infer<typeof sessionOrderSchema>;
export type CheckoutIntentInput = z.infer<typeof checkoutIntentSchema>;

/** API codes by field, for both bodies. */
export const ORDER_FIELD_CODES = {
  fiatAmount: "INVALID_AMOUNT",
  fiatCurrency: "INVALID_CURRENCY",
  cryptoCurrency: "INVALID_CURRENCY",
  network: "INVALID_NETWORK",
  walletAddress: "INVALID_WALLET_ADDRESS",
  gateway: "INVALID_GATEWAY",
} as const;

/** Body of POST /v1/orders/:id/refund, and the console's refund form. */
export const refundOrderSchema = z
  .object({
    reason: z.string({ message: "reason must be a string." }).trim().max(500, "reason is at most 500 characters.").optional(),
  })
  .strict();

export type RefundOrderInput = z.infer<typeof refundOrderSchema>;
