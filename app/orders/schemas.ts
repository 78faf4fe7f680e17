/** Bodies of POST /v1/sessions/:id/order and POST /public/v1/onramp/checkout-intent (docs/api-contract.md#orders). */
import { z } from "zod";
import { GATEWAY_IDS } from "~/gateways/catalogue";
import {
  cryptoAmountPrecisionProblem,
  cryptoAmountSchema,
  cryptoCurrencySchema,
  fiatAmountSchema,
  fiatCurrencySchema,
  metadataSchema,
  networkSchema,
} from "~/sessions/schemas";

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
    // A sell session's order (docs/api-contract.md#sell-orders): the crypto amount sold, where crypto is refunded, how fiat is paid out.
    cryptoAmount: cryptoAmountSchema.optional(),
    refundAddress: walletSchema.optional(),
    payoutMethod: z.string().max(64).optional(),
  })
  .strict();

export const buyCheckoutIntentSchema = z
  .object({
    projectId: z.string().uuid("projectId is your project's UUID."),
    orderType: z.literal("buy", { message: 'orderType is "buy" (default) or "sell".' }).optional(),
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

/** A sell straight from a sell quote: the crypto amount sold, the fiat paid out, the refund address. */
export const sellCheckoutIntentSchema = buyCheckoutIntentSchema
  .omit({ fiatAmount: true, walletAddress: true, paymentMethod: true, orderType: true })
  .extend({
    orderType: z.literal("sell"),
    cryptoAmount: cryptoAmountSchema,
    refundAddress: walletSchema,
    payoutMethod: z.string().max(64).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const precision = cryptoAmountPrecisionProblem(body.cryptoAmount, body.cryptoCurrency);
    if (precision) ctx.addIssue({ code: "custom", path: ["cryptoAmount"], message: precision });
  });

/** The right schema for a checkout-intent body: `orderType: "sell"` places a sell. */
export function checkoutIntentSchemaFor(body: unknown) {
  const type = body !== null && typeof body === "object" ? (body as { orderType?: unknown }).orderType : undefined;
  return type === "sell" ? sellCheckoutIntentSchema : buyCheckoutIntentSchema;
}

/** POST /public/v1/onramp/checkout-intent as the OpenAPI document shows it: both order types' fields, checked by the type's own schema. */
export const checkoutIntentSchema = buyCheckoutIntentSchema
  .extend({
    orderType: z.enum(["buy", "sell"]).optional(),
    fiatAmount: z.string().optional(),
    walletAddress: z.string().optional(),
    cryptoAmount: z.string().optional(),
    refundAddress: z.string().optional(),
    payoutMethod: z.string().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const parsed = checkoutIntentSchemaFor(body).safeParse(body);
    for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

export type SessionOrderInput = z.infer<typeof sessionOrderSchema>;
export type CheckoutIntentInput = z.infer<typeof buyCheckoutIntentSchema>;
export type SellCheckoutIntentInput = z.infer<typeof sellCheckoutIntentSchema>;

/** API codes by field, for both bodies. */
export const ORDER_FIELD_CODES = {
  fiatAmount: "INVALID_AMOUNT",
  fiatCurrency: "INVALID_CURRENCY",
  cryptoCurrency: "INVALID_CURRENCY",
  network: "INVALID_NETWORK",
  walletAddress: "INVALID_WALLET_ADDRESS",
  refundAddress: "INVALID_WALLET_ADDRESS",
  cryptoAmount: "INVALID_AMOUNT",
  gateway: "INVALID_GATEWAY",
} as const;

/** Body of POST /v1/orders/:id/refund, and the console's refund form. */
export const refundOrderSchema = z
  .object({
    reason: z.string({ message: "reason must be a string." }).trim().max(500, "reason is at most 500 characters.").optional(),
  })
  .strict();

export type RefundOrderInput = z.infer<typeof refundOrderSchema>;
