/**
 * The session endpoints' shapes in the OpenAPI document: the Session objects the API answers
 * (after serialize.ts; the tests hold them to real answers), the request bodies' field docs,
 * and the examples (docs/api-contract.md's values).
 */
import { z } from "zod";
import {
  countryDoc,
  CRYPTO_CODES,
  cryptoDoc,
  dateTime,
  decimal,
  EXAMPLE_IDS as EX,
  FIAT_CODES,
  fiatDoc,
  networkDoc,
  pathParameter,
  type FieldDocs,
} from "~/api/openapi/schema";
import { apiObject, listEnvelopeObject, type RequestBody } from "~/api/openapi/operation";
import { schema as dbSchema } from "~/lib/db.server";
import type { ErrorCode } from "~/lib/domain-error";
import { confirmAnySessionSchema, createSessionSchema, METADATA_LIMITS, TTL_LIMITS } from "./schemas";

export const SESSION_STATE_ERRORS: ErrorCode[] = ["SESSION_EXPIRED", "SESSION_ALREADY_USED", "INVALID_STATE"];
export const sessionIdParameter = pathParameter("sessionId", "The session's id (`sess_…`).", EX.sessionId);

export const metadataLimits = `At most ${METADATA_LIMITS.maxKeys} top-level keys, ${METADATA_LIMITS.maxBytes / 1024} KB of JSON, ${METADATA_LIMITS.maxDepth} levels of nesting.`;

const fieldLockSchema = z.object({
  locked: z.boolean().describe("Whether the customer may change the field at checkout."),
  min: decimal("Lower bound of sourceAmount a customer may choose.").optional(),
  max: decimal("Upper bound of sourceAmount a customer may choose.").optional(),
});

const sessionAttributesShape = {
  sessionId: z.string().describe("The session's id (`sess_…`)."),
  projectId: z.string().meta({ format: "uuid", description: "Your project's id." }),
  type: z.enum(["onramp", "offramp"]),
  status: z.enum(dbSchema.SESSION_STATUSES).describe("pending → confirmed → processing → completed | failed; or expired | cancelled."),
  customerId: z.string().describe("The customer (`cust_…`), created from externalCustomerId when new."),
  externalCustomerId: z.string().nullable().describe("Your user's id."),
  sourceAmount: decimal("onramp: the fiat amount paid; offramp: the crypto amount sold. A decimal string.").nullable(),
  sourceCurrency: z.string().nullable().describe("onramp: fiat currency code; offramp: the crypto sold."),
  destinationCurrency: z.string().nullable().describe("onramp: crypto currency code; offramp: the fiat paid out."),
  destinationAddress: z.string().nullable().describe("onramp: wallet address receiving the crypto; always null for offramp."),
  refundAddress: z.string().nullable().describe("offramp: the customer's address on network where crypto is returned if the sale fails; null for onramp."),
  network: z.string().nullable().describe("Blockchain network of the crypto (received for onramp, sent for offramp)."),
  redirectUrl: z.string().nullable().describe("Where the customer returns after payment."),
  country: z.string().nullable().describe("ISO 3166-1 alpha-2 country code."),
  fieldLocks: z
    .record(z.string(), fieldLockSchema)
    .describe("Which fields the customer may not change; a field given at creation is locked unless overridden."),
  metadata: z.record(z.string(), z.unknown()).describe("Your data; it flows into order.metadata.partnerMetadata and webhooks."),
  livemode: z.boolean().describe("true for live data, false for test data."),
  expiresAt: dateTime("When the session expires unless used."),
  createdAt: dateTime(),
};
const sessionAttributesExample = {
  sessionId: EX.sessionId,
  projectId: EX.projectId,
  type: "onramp",
  status: "pending",
  customerId: EX.customerId,
  externalCustomerId: "player_12345",
  sourceAmount: "100",
  sourceCurrency: "USD",
  destinationCurrency: "ETH",
  destinationAddress: EX.address,
  refundAddress: null,
  network: "ethereum",
  redirectUrl: "https://yoursite.com/payment-complete",
  country: null,
  fieldLocks: {
    sourceAmount: { locked: true },
    sourceCurrency: { locked: true },
    destinationCurrency: { locked: true },
    destinationAddress: { locked: true },
    network: { locked: true },
  },
  metadata: { partnerOrderId: "game_purchase_789", itemId: "sword_of_destiny" },
  livemode: false,
  expiresAt: "2026-02-17T15:30:00.000Z",
  createdAt: "2026-02-17T15:00:00.000Z",
};

export const sessionObject = apiObject(
  "Session",
  z
    .object({
      type: z.literal("session"),
      id: z.string(),
      attributes: z.object(sessionAttributesShape),
    })
    .describe("A checkout session. The clientSecret is never part of it after creation."),
  { type: "session", id: EX.sessionId, attributes: sessionAttributesExample },
);

const CREATED_CLIENT_SECRET = "sess_secret_4kT9bW2mQ7xZ1cV8nR3pL6yH0dF5gJ2s";

export const createdSessionObject = apiObject(
  "CreatedSession",
  z
    .object({
      type: z.literal("session"),
      id: z.string(),
      attributes: z.object({
        ...sessionAttributesShape,
        clientSecret: z.string().describe("Returned here only: keep it for the checkout and the customer's calls (confirm, order)."),
        url: z
          .string()
          .meta({ format: "uri" })
          .describe(
            "The hosted checkout URL (`/checkout?sessionId=…&clientSecret=…&projectId=…`): redirect the customer here. Returned here only, as it holds the clientSecret.",
          ),
      }),
    })
    .describe("A newly created session: the Session with its clientSecret and hosted checkout url."),
  {
    type: "session",
    id: EX.sessionId,
    // The contract's field order (docs/api-contract.md#create-a-session): clientSecret right after projectId.
    attributes: (({ sessionId, projectId, ...rest }) => ({
      sessionId,
      projectId,
      clientSecret: CREATED_CLIENT_SECRET,
      url: `http://localhost:3000/checkout?sessionId=${sessionId}&clientSecret=${CREATED_CLIENT_SECRET}&projectId=${projectId}`,
      ...rest,
    }))(sessionAttributesExample),
  },
);

export const sessionListObject = apiObject("SessionList", z.intersection(listEnvelopeObject.schema, z.object({ data: z.array(sessionObject.schema) })), {
  object: "list",
  url: "/v1/sessions",
  has_more: false,
  data: [{ type: "session", id: EX.sessionId, attributes: sessionAttributesExample }],
});

export const SESSION_OBJECTS = [sessionObject, createdSessionObject, sessionListObject];

export const SESSION_EXAMPLES = {
  createSession: {
    externalCustomerId: "player_12345",
    sourceAmount: "100",
    sourceCurrency: "USD",
    destinationCurrency: "ETH",
    network: "ethereum",
    destinationAddress: EX.address,
    redirectUrl: "https://yoursite.com/payment-complete",
    type: "onramp",
    metadata: { partnerOrderId: "game_purchase_789", itemId: "sword_of_destiny" },
  },
  confirmSession: { clientSecret: EX.clientSecret },
};

const createSessionDocs: FieldDocs = {
  externalCustomerId: { description: "Your user's id. At least one of externalCustomerId or customerId is required; a new one creates a customer." },
  customerId: { description: "A customer (`cust_…`) of this project and mode, from an earlier session." },
  type: {
    description: '"onramp" (default: the customer buys crypto) or "offramp" (the customer sells crypto for fiat). It decides how the fields below read.',
  },
  sourceAmount: {
    description:
      'onramp: the fiat amount to pay, a decimal string with at most 2 decimals, e.g. "100". offramp: the crypto amount to sell, a decimal string with at most the crypto\'s decimals (8 for ETH and BTC, 6 for USDC and USDT), e.g. "0.5".',
  },
  sourceCurrency: { ...fiatDoc("onramp: fiat currency code. offramp: the crypto sold."), enum: [...FIAT_CODES, ...CRYPTO_CODES] },
  destinationCurrency: { ...cryptoDoc("onramp: crypto currency code. offramp: the fiat paid out."), enum: [...CRYPTO_CODES, ...FIAT_CODES] },
  network: networkDoc("Blockchain network of the crypto (destinationCurrency for onramp, sourceCurrency for offramp)."),
  destinationAddress: { description: "onramp only: wallet address that receives the crypto; checked against network, which is then required." },
  refundAddress: {
    description: "offramp only: the customer's address on network where the gateway returns the crypto if the sale fails; checked against network.",
  },
  redirectUrl: {
    description:
      "Absolute https URL the customer returns to after payment (http://localhost is allowed in test mode). In live mode it must start with one of the project's allowed redirect origins.",
  },
  country: { description: "ISO 3166-1 alpha-2 country code, e.g. US (any case)." },
  expiresInSeconds: { description: `Session lifetime in seconds. Default ${TTL_LIMITS.default} (30 min), at most ${TTL_LIMITS.max} (24 h).` },
  metadata: {
    description: `Your data; it flows into order.metadata.partnerMetadata and into webhooks. ${metadataLimits}`,
    maxProperties: METADATA_LIMITS.maxKeys,
  },
  fieldLocks: {
    description:
      "Overrides of auto-locking: every field given is locked unless set to { locked: false } here. A locked field needs a value; min and max bound sourceAmount only.",
  },
};

export const createSessionBody: RequestBody = {
  name: "CreateSessionRequest",
  schema: createSessionSchema,
  docs: createSessionDocs,
  // The schema's superRefine, which JSON Schema can say.
  extra: { anyOf: [{ required: ["externalCustomerId"] }, { required: ["customerId"] }] },
};

export const confirmSessionBody: RequestBody = {
  name: "ConfirmSessionRequest",
  // Both types' fields: a sell session takes refundAddress and crypto amounts (confirmOfframpSessionSchema).
  schema: confirmAnySessionSchema,
  docs: {
    clientSecret: { description: "The session's clientSecret, returned once when it was created." },
    sourceAmount: { description: "A new amount (unlocked fields only, within fieldLocks.sourceAmount's min and max): fiat for onramp, crypto for offramp." },
    sourceCurrency: {
      ...fiatDoc("A new source currency (unlocked fields only): fiat for onramp, crypto for offramp."),
      enum: [...FIAT_CODES, ...CRYPTO_CODES],
    },
    destinationCurrency: {
      ...cryptoDoc("A new destination currency (unlocked fields only): crypto for onramp, fiat for offramp."),
      enum: [...CRYPTO_CODES, ...FIAT_CODES],
    },
    network: networkDoc("A new network (unlocked fields only)."),
    destinationAddress: { description: "A new wallet address (unlocked fields only; onramp)." },
    refundAddress: { description: "A new refund address (unlocked fields only; offramp)." },
    country: countryDoc,
  },
};
