/**
 * What the hosted checkout page sends back to the server (quote refresh, place order), shared
 * by the page and the server. Every call carries the session's credentials in its body: the
 * clientSecret never travels in a URL after the first page load.
 */
import { z } from "zod";
import { GATEWAY_IDS, PAYMENT_METHODS, PAYOUT_METHODS } from "~/gateways/catalogue";

export const SESSION_ID = /^sess_[0-9A-Za-z]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The three values of the partner's checkout link. Malformed ones are treated like wrong ones. */
export const checkoutCredentialsSchema = z.object({
  sessionId: z.string().regex(SESSION_ID),
  clientSecret: z.string().min(1).max(200),
  projectId: z.string().regex(UUID),
});
export type CheckoutCredentials = z.infer<typeof checkoutCredentialsSchema>;

/** The fields a customer may change when the partner left them unlocked (never `country` silently). */
export const EDITABLE_FIELDS = ["sourceAmount", "sourceCurrency", "destinationCurrency", "network", "destinationAddress", "country"] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** A sell (offramp) session's fields the customer may change: source = the crypto sold, destination = the fiat paid out. */
export const SELL_FIELDS = ["sourceAmount", "sourceCurrency", "destinationCurrency", "network", "refundAddress", "country"] as const;
export type SellField = (typeof SELL_FIELDS)[number];

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

/** The customer's choices: only unlocked fields are taken from here (the server enforces the locks). */
export const checkoutChoicesSchema = z.object({
  sourceAmount: optionalText,
  sourceCurrency: optionalText,
  destinationCurrency: optionalText,
  network: optionalText,
  destinationAddress: optionalText,
  country: optionalText,
  paymentMethod: z
    .enum(PAYMENT_METHODS.map((m) => m.id) as [string, ...string[]])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // A sell's: where crypto is returned if the sale fails, and how the fiat is paid out.
  refundAddress: optionalText,
  payoutMethod: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || PAYOUT_METHODS.some((m) => m.id === v), "Choose a payout method from the list."),
});
/** Partial: a page may send only what the customer touched. */
export type CheckoutChoices = Partial<z.infer<typeof checkoutChoicesSchema>>;

export const quoteRefreshSchema = checkoutCredentialsSchema.extend({ choices: checkoutChoicesSchema });

export const placeOrderSchema = checkoutCredentialsSchema.merge(checkoutChoicesSchema).extend({
  gateway: z.enum(GATEWAY_IDS, { message: "Choose a provider." }),
  email: z.string().trim().min(1, "Enter your email address.").max(254).email("Enter a valid email address, like name@example.com."),
});
export type PlaceOrderInput = z.infer<typeof placeOrderSchema>;
