/**
 * The session API's request bodies (POST /v1/sessions, /confirm), validated with zod.
 * Error codes follow docs/api-contract.md#errors: a bad currency is INVALID_CURRENCY, a bad amount
 * INVALID_AMOUNT and so on; anything else is VALIDATION_ERROR. Each issue names its field.
 */
import { z } from "zod";
import { CRYPTO_CURRENCIES, FIAT_CURRENCIES, NETWORKS } from "~/gateways/catalogue";
import { CRYPTO_DECIMALS } from "~/quotes/pricing";

/**
 * Fields a partner may lock. An onramp session reads source = fiat paid, destination = crypto and its wallet;
 * an offramp (sell) session reads source = crypto sold on `network`, destination = fiat paid out, and
 * `refundAddress` = where the gateway returns the crypto if the sale fails (docs/api-contract.md#sell-sessions).
 */
export const LOCKABLE_FIELDS = ["sourceAmount", "sourceCurrency", "destinationCurrency", "destinationAddress", "network", "country", "refundAddress"] as const;
export type LockableField = (typeof LOCKABLE_FIELDS)[number];

export const METADATA_LIMITS = { maxKeys: 20, maxBytes: 4096, maxDepth: 2 } as const;
export const TTL_LIMITS = { min: 1, max: 86_400, default: 1_800 } as const;

/** Which API error code a bad value of each field answers with (else VALIDATION_ERROR). */
export const SESSION_FIELD_CODES = {
  sourceAmount: "INVALID_AMOUNT",
  fiatAmount: "INVALID_AMOUNT",
  sourceCurrency: "INVALID_CURRENCY",
  destinationCurrency: "INVALID_CURRENCY",
  fiatCurrency: "INVALID_CURRENCY",
  cryptoCurrency: "INVALID_CURRENCY",
  network: "INVALID_NETWORK",
  destinationAddress: "INVALID_WALLET_ADDRESS",
  walletAddress: "INVALID_WALLET_ADDRESS",
  refundAddress: "INVALID_WALLET_ADDRESS",
  cryptoAmount: "INVALID_AMOUNT",
  gateway: "INVALID_GATEWAY",
} as const;

/** A positive decimal string like "100" or "99.95" (never a JSON number: floats lose cents). */
export const fiatAmountSchema = z
  .string({ message: 'Send the amount as a decimal string, e.g. "100".' })
  .regex(/^(0|[1-9]\d{0,11})(\.\d{1,2})?$/, { message: 'Use a decimal string with at most 2 decimals, e.g. "100" or "99.95".' })
  .refine((v) => Number(v) > 0, { message: "The amount must be greater than 0." });

/** A crypto amount to sell: a positive decimal string with at most 8 decimals (the crypto's own precision is checked with it). */
export const cryptoAmountSchema = z
  .string({ message: 'Send the amount as a decimal string, e.g. "0.5".' })
  .regex(/^(0|[1-9]\d{0,11})(\.\d{1,8})?$/, { message: 'Use a decimal string with at most 8 decimals, e.g. "0.5".' })
  .refine((v) => Number(v) > 0, { message: "The amount must be greater than 0." });

/** The crypto's own decimals (USDC 6, ETH 8 here) bound a crypto amount: a message, or null when it fits. */
export function cryptoAmountPrecisionProblem(amount: string | undefined, crypto: string | undefined): string | null {
  if (amount === undefined || crypto === undefined) return null;
  const decimals = CRYPTO_DECIMALS[crypto as keyof typeof CRYPTO_DECIMALS];
  if (decimals === undefined) return null;
  return (amount.split(".")[1]?.length ?? 0) > decimals ? `${crypto} amounts have at most ${decimals} decimals.` : null;
}

const fiatCodes = FIAT_CURRENCIES.map((c) => c.code) as string[];
const cryptoCodes = CRYPTO_CURRENCIES.map((c) => c.code) as string[];
const networkIds = NETWORKS.map((n) => n.id) as string[];

export const fiatCurrencySchema = z
  .string()
  .transform((v) => v.toUpperCase())
  .refine((v) => fiatCodes.includes(v), { message: `Supported fiat currencies: ${fiatCodes.join(", ")}.` });
export const cryptoCurrencySchema = z
  .string()
  .transform((v) => v.toUpperCase())
  .refine((v) => cryptoCodes.includes(v), { message: `Supported crypto currencies: ${cryptoCodes.join(", ")}.` });
export const networkSchema = z
  .string()
  .transform((v) => v.toLowerCase())
  .refine((v) => networkIds.includes(v), { message: `Supported networks: ${networkIds.join(", ")}.` });

function fieldLockSchemaOf(amount: typeof fiatAmountSchema) {
  return z
    .object({
      locked: z.boolean({ message: "locked must be true or false." }),
      min: amount.optional(),
      max: amount.optional(),
    })
    .strict();
}
const fieldLockSchema = fieldLockSchemaOf(fiatAmountSchema);

/** Nesting depth as docs/api-contract.md#metadata counts it: { a: 1 } is 0, { a: { b: 1 } } is 1, { a: { b: { c: 1 } } } is 2. */
function metadataDepth(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.reduce<number>((deepest, child) => Math.max(deepest, child !== null && typeof child === "object" ? 1 + metadataDepth(child) : 0), 0);
}

export const metadataSchema = z.record(z.string(), z.unknown(), { message: "metadata must be a JSON object." }).superRefine((value, ctx) => {
  if (Object.keys(value).length > METADATA_LIMITS.maxKeys) {
    ctx.addIssue({ code: "custom", message: `metadata may have at most ${METADATA_LIMITS.maxKeys} top-level keys.` });
  }
  if (Buffer.byteLength(JSON.stringify(value)) > METADATA_LIMITS.maxBytes) {
    ctx.addIssue({ code: "custom", message: `metadata may be at most ${METADATA_LIMITS.maxBytes} bytes of JSON.` });
  }
  if (metadataDepth(value) > METADATA_LIMITS.maxDepth) {
    ctx.addIssue({ code: "custom", message: `metadata may nest at most ${METADATA_LIMITS.maxDepth} levels deep.` });
  }
});

/** Every session field, before the type decides how the currency and amount fields read. */
const sessionFields = z.object({
  externalCustomerId: z.string().trim().min(1, "externalCustomerId must not be empty.").max(255).optional(),
  customerId: z
    .string()
    .regex(/^cust_[0-9A-Za-z]+$/, "customerId looks like cust_…")
    .optional(),
  type: z.enum(["onramp", "offramp"], { message: 'type is "onramp" or "offramp".' }).default("onramp"),
  sourceAmount: fiatAmountSchema.optional(),
  sourceCurrency: fiatCurrencySchema.optional(),
  destinationCurrency: cryptoCurrencySchema.optional(),
  network: networkSchema.optional(),
  destinationAddress: z.string().trim().min(1).max(128).optional(),
  redirectUrl: z.string().max(2048).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "country is an ISO 3166-1 alpha-2 code, e.g. US.")
    .transform((v) => v.toUpperCase())
    .optional(),
  expiresInSeconds: z
    .number({ message: "expiresInSeconds is a whole number of seconds." })
    .int("expiresInSeconds is a whole number of seconds.")
    .min(TTL_LIMITS.min, `expiresInSeconds is at least ${TTL_LIMITS.min}.`)
    .max(TTL_LIMITS.max, `expiresInSeconds is at most ${TTL_LIMITS.max} (24 hours).`)
    .default(TTL_LIMITS.default),
  metadata: metadataSchema.optional(),
  fieldLocks: z.partialRecord(z.enum(LOCKABLE_FIELDS, { message: `fieldLocks keys: ${LOCKABLE_FIELDS.join(", ")}.` }), fieldLockSchema).optional(),
});

const requireCustomer = (body: { externalCustomerId?: string; customerId?: string }, ctx: z.RefinementCtx) => {
  if (!body.externalCustomerId && !body.customerId) {
    ctx.addIssue({ code: "custom", path: ["externalCustomerId"], message: "At least one of externalCustomerId or customerId is required." });
  }
};

export const onrampSessionSchema = sessionFields.strict().superRefine(requireCustomer);

const addressSchema = z.string().trim().min(1).max(128);

/** A sell session: the crypto sold (amount, currency, network), the fiat paid out, where crypto is refunded. */
export const offrampSessionSchema = sessionFields
  .omit({ destinationAddress: true, fieldLocks: true, type: true })
  .extend({
    type: z.literal("offramp"),
    sourceAmount: cryptoAmountSchema.optional(),
    sourceCurrency: cryptoCurrencySchema.optional(),
    destinationCurrency: fiatCurrencySchema.optional(),
    refundAddress: addressSchema.optional(),
    fieldLocks: z
      .partialRecord(
        z.enum(LOCKABLE_FIELDS, { message: `fieldLocks keys: ${LOCKABLE_FIELDS.join(", ")}.` }),
        fieldLockSchemaOf(cryptoAmountSchema as unknown as typeof fiatAmountSchema),
      )
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    requireCustomer(body, ctx);
    const precision = cryptoAmountPrecisionProblem(body.sourceAmount, body.sourceCurrency);
    if (precision) ctx.addIssue({ code: "custom", path: ["sourceAmount"], message: precision });
  });

/** The right schema for a body: a sell session's fields read the other way round (see LOCKABLE_FIELDS). */
export function sessionSchemaFor(body: unknown) {
  const type = body !== null && typeof body === "object" ? (body as { type?: unknown }).type : undefined;
  return type === "offramp" ? offrampSessionSchema : onrampSessionSchema;
}

/** A currency code of either kind: a session's source and destination swap kinds with its type. */
const anyCurrencySchema = z
  .string()
  .transform((v) => v.toUpperCase())
  .refine((v) => fiatCodes.includes(v) || cryptoCodes.includes(v), { message: `Supported currencies: ${[...fiatCodes, ...cryptoCodes].join(", ")}.` });

/**
 * POST /v1/sessions as the OpenAPI document shows it: every field of both types, the currency and amount
 * fields taking either kind. The API parses a body with its type's own schema (sessionSchemaFor).
 */
export const createSessionSchema = sessionFields
  .extend({
    sourceAmount: cryptoAmountSchema.optional(),
    sourceCurrency: anyCurrencySchema.optional(),
    destinationCurrency: anyCurrencySchema.optional(),
    refundAddress: addressSchema.optional(),
  })
  .strict()
  .superRefine(requireCustomer);

export type CreateSessionInput = z.infer<typeof onrampSessionSchema> | z.infer<typeof offrampSessionSchema>;

/** POST /v1/sessions/:id/confirm: the clientSecret, and any unlocked fields the customer changed. */
export const confirmSessionSchema = z
  .object({
    clientSecret: z.string({ message: "clientSecret is required." }).min(1, "clientSecret is required."),
    sourceAmount: fiatAmountSchema.optional(),
    sourceCurrency: fiatCurrencySchema.optional(),
    destinationCurrency: cryptoCurrencySchema.optional(),
    network: networkSchema.optional(),
    destinationAddress: z.string().trim().min(1).max(128).optional(),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "country is an ISO 3166-1 alpha-2 code, e.g. US.")
      .transform((v) => v.toUpperCase())
      .optional(),
  })
  .strict();

/** Confirming a sell session: its amount is crypto, its currencies the other way round, and the refund address may change. */
export const confirmOfframpSessionSchema = confirmSessionSchema
  .omit({ destinationAddress: true })
  .extend({
    sourceAmount: cryptoAmountSchema.optional(),
    sourceCurrency: cryptoCurrencySchema.optional(),
    destinationCurrency: fiatCurrencySchema.optional(),
    refundAddress: addressSchema.optional(),
  })
  .strict();

/** POST /v1/sessions/:id/confirm as the OpenAPI document shows it: both types' fields (the session's type picks the schema). */
export const confirmAnySessionSchema = confirmSessionSchema.extend({
  sourceAmount: cryptoAmountSchema.optional(),
  sourceCurrency: anyCurrencySchema.optional(),
  destinationCurrency: anyCurrencySchema.optional(),
  refundAddress: addressSchema.optional(),
});

export type ConfirmSessionInput = z.infer<typeof confirmSessionSchema> | z.infer<typeof confirmOfframpSessionSchema>;
