/**
 * The public API as an OpenAPI 3.1 document, served at GET /v1/openapi.json and read by the
 * console's API reference (/docs/api).
 *
 * Request bodies and the public endpoints' query parameters are converted from the very zod
 * schemas the routes validate with (`z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1
 * uses as is), so a field added to a schema shows up here by itself. What JSON Schema can't
 * see in a zod schema (`.refine` checks such as "one of the catalogue's currencies", the
 * metadata limits, "externalCustomerId or customerId") is added from the same constants the
 * checks use. Responses are zod schemas written here after the serializers; the tests hold
 * them to the serializers' output. The list parameters are written from list-params.ts's
 * exported constants (its zod schema is private); the tests hold them to `parseListParams`.
 */
import { z } from "zod";
import { CRYPTO_CURRENCIES, FIAT_CURRENCIES, GATEWAY_IDS, NETWORKS, PAYMENT_METHODS } from "../gateways/catalogue";
import { checkoutIntentSchema, refundOrderSchema, sessionOrderSchema } from "../orders/schemas";
import { quoteQuerySchema, supportedQuerySchema } from "../quotes/schemas";
import { confirmSessionSchema, createSessionSchema, METADATA_LIMITS, TTL_LIMITS } from "../sessions/schemas";
import { schema as dbSchema } from "../lib/db.server";
import { createEndpointSchema, updateEndpointApiSchema } from "../webhooks/schemas";
import { ERROR_STATUS, type ErrorCode } from "~/lib/domain-error";
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from "./list-params";

export const API_TITLE = "Ramp Partner API";
export const API_VERSION = "1.0.0";

type JsonSchema = Record<string, unknown>;
type Tag = "Sessions" | "Orders" | "Public onramp" | "Webhooks" | "Meta";
type Auth = "secret" | "key" | "clientSecret" | "none";

const FIAT_CODES = FIAT_CURRENCIES.map((c) => c.code);
const CRYPTO_CODES = CRYPTO_CURRENCIES.map((c) => c.code);
const NETWORK_IDS = NETWORKS.map((n) => n.id);
const PAYMENT_METHOD_IDS = PAYMENT_METHODS.map((m) => m.id);
const SESSION_STATUSES = dbSchema.SESSION_STATUSES;
const ORDER_STATUSES = dbSchema.ORDER_STATUSES;

/** What each error code means, for the document and the console page. */
export const ERROR_CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  VALIDATION_ERROR: "Missing or invalid fields; `details` names each one.",
  INVALID_CURRENCY: "An unsupported fiat or crypto currency.",
  INVALID_NETWORK: "An unknown network, or one that does not carry the crypto.",
  INVALID_AMOUNT: "An amount that is malformed or outside the allowed bounds.",
  INVALID_WALLET_ADDRESS: "The wallet address is not valid for the network.",
  INVALID_GATEWAY: "An unknown gateway, one not enabled for the project, or one that cannot serve this order.",
  MISSING_API_KEY: "No `Authorization: Bearer …` header.",
  INVALID_API_KEY: "The key is unknown, revoked or malformed.",
  API_KEY_EXPIRED: "The key was rolled and its grace period is over.",
  FORBIDDEN: "Invalid clientSecret, or a publishable key of another project.",
  INSUFFICIENT_PERMISSIONS: "The wrong kind of key (e.g. a publishable key where a secret key is needed).",
  PROJECT_ARCHIVED: "The project is archived.",
  NOT_FOUND: "No such object in the key's project and mode.",
  METHOD_NOT_ALLOWED: "The endpoint does not answer this HTTP method (see `Allow`).",
  SESSION_EXPIRED: "The session has expired. Create a new one.",
  SESSION_ALREADY_USED: "An order was already created from this session.",
  INVALID_STATE: "The object is not in a state that allows this: a cancelled session; refunding an order that is not completed (or is already refunded).",
  IDEMPOTENCY_KEY_REUSED: "This Idempotency-Key was used with a different request.",
  IDEMPOTENCY_KEY_IN_USE: "A request with this Idempotency-Key is still running; retry shortly.",
  EXPIRED: "Something that existed has run out (e.g. a sandbox payment page past its deadline).",
  PAYLOAD_TOO_LARGE: "The request body is larger than the endpoint accepts.",
  RATE_LIMIT_EXCEEDED: "Too many requests; wait for `Retry-After` seconds.",
  INTERNAL_ERROR: "Something went wrong on our side; quote the requestId to support.",
  GATEWAY_UNAVAILABLE: "The payment gateway did not answer or refused the order.",
  SERVICE_UNAVAILABLE: "The platform cannot serve right now (e.g. its database is unreachable); retry after `Retry-After` seconds.",
};

// ---------------------------------------------------------------------------------------
// Response schemas (zod, after app/sessions/serialize.ts, app/orders/serialize.ts and the
// public routes). Registered under their component names.
// ---------------------------------------------------------------------------------------

const components = z.registry<{ id: string }>();
function component<T extends z.ZodType>(id: string, schema: T): T {
  components.add(schema, { id });
  return schema;
}

const dateTime = (description?: string) => z.string().meta({ format: "date-time", ...(description ? { description } : {}) });
const decimal = (description: string) => z.string().describe(description);

const fieldLockSchema = z.object({
  locked: z.boolean().describe("Whether the customer may change the field at checkout."),
  min: decimal("Lower bound of sourceAmount a customer may choose.").optional(),
  max: decimal("Upper bound of sourceAmount a customer may choose.").optional(),
});

const sessionAttributesShape = {
  sessionId: z.string().describe("The session's id (`sess_…`)."),
  projectId: z.string().meta({ format: "uuid", description: "Your project's id." }),
  type: z.enum(["onramp", "offramp"]),
  status: z.enum(SESSION_STATUSES).describe("pending → confirmed → processing → completed | failed; or expired | cancelled."),
  customerId: z.string().describe("The customer (`cust_…`), created from externalCustomerId when new."),
  externalCustomerId: z.string().nullable().describe("Your user's id."),
  sourceAmount: decimal("Fiat amount as a decimal string.").nullable(),
  sourceCurrency: z.string().nullable().describe("Fiat currency code."),
  destinationCurrency: z.string().nullable().describe("Crypto currency code."),
  destinationAddress: z.string().nullable().describe("Wallet address receiving the crypto."),
  network: z.string().nullable().describe("Blockchain network."),
  redirectUrl: z.string().nullable().describe("Where the customer returns after payment."),
  country: z.string().nullable().describe("ISO 3166-1 alpha-2 country code."),
  fieldLocks: z.record(z.string(), fieldLockSchema).describe("Which fields the customer may not change; a field given at creation is locked unless overridden."),
  metadata: z.record(z.string(), z.unknown()).describe("Your data; it flows into order.metadata.partnerMetadata and webhooks."),
  livemode: z.boolean().describe("true for live data, false for test data."),
  expiresAt: dateTime("When the session expires unless used."),
  createdAt: dateTime(),
};

export const sessionResponseSchema = component(
  "Session",
  z
    .object({
      type: z.literal("session"),
      id: z.string(),
      attributes: z.object(sessionAttributesShape),
    })
    .describe("A checkout session. The clientSecret is never part of it after creation."),
);

export const createdSessionResponseSchema = component(
  "CreatedSession",
  z
    .object({
      type: z.literal("session"),
      id: z.string(),
      attributes: z.object({
        ...sessionAttributesShape,
        clientSecret: z.string().describe("Returned here only: keep it for the checkout and the customer's calls (confirm, order)."),
      }),
    })
    .describe("A newly created session: the Session with its clientSecret."),
);

const checkoutSchema = z
  .object({
    method: z.enum(["redirect", "iframe", "widget"]).nullable().describe("redirect: navigate to url; iframe: load url in an <iframe>; widget: the gateway's script."),
    url: z.string().nullable().describe("The gateway's payment page."),
    expiresAt: z.number().int().min(0).describe("Seconds the checkout URL stays valid from now."),
    expiresAtTime: dateTime("The moment the checkout URL stops working.").nullable(),
  })
  .describe("How the customer pays.");

const transactionRefSchema = z.object({ id: z.string().describe("The transaction's id (`txn_…`)."), hash: z.string().nullable().describe("On-chain transaction hash.") });

export const orderResponseSchema = component(
  "Order",
  z
    .object({
      type: z.literal("order"),
      id: z.string(),
      attributes: z.object({
        orderId: z.string().describe("The order's id (`ord_…`)."),
        type: z.enum(["buy", "sell"]),
        status: z.enum(ORDER_STATUSES),
        sessionId: z.string().nullable().describe("The session it was created from; null for a checkout-intent."),
        gateway: z.string().describe("The gateway's id."),
        source: z.object({ currency: z.string(), amount: decimal("Fiat amount paid.") }),
        destination: z.object({ currency: z.string(), amount: decimal("Crypto amount delivered (net of fees).").nullable(), address: z.string() }),
        network: z.string(),
        rate: decimal("Crypto per unit of fiat at quote time.").nullable(),
        fees: z.object({ gateway: decimal("Gateway fee, in the source currency.").nullable(), network: decimal("Network fee, in the source currency.").nullable(), currency: z.string() }),
        paymentMethod: z.string().nullable(),
        customerId: z.string().nullable(),
        externalCustomerId: z.string().nullable(),
        metadata: z
          .object({
            provider: z.string(),
            providerOrderId: z.string().nullable(),
            email: z.string().nullable(),
            paymentMethodId: z.string().nullable(),
            partnerMetadata: z.record(z.string(), z.unknown()).describe("The session's metadata (or the checkout-intent's partnerMetadata)."),
          })
          .describe("System keys at the top level; your data only under partnerMetadata."),
        checkout: checkoutSchema.nullable(),
        transaction: transactionRefSchema.nullable().describe("Set once the order completes."),
        failureReason: z.string().nullable(),
        refundReason: z.string().nullable().describe("Why it was refunded: your reason when you asked, else the gateway's."),
        livemode: z.boolean(),
        createdAt: dateTime(),
        completedAt: dateTime().nullable(),
        refundedAt: dateTime("When the gateway confirmed the refund.").nullable(),
      }),
    })
    .describe("An order: one per session, or from a checkout-intent."),
);

export const createdOrderResponseSchema = component(
  "CreatedOrder",
  z
    .object({
      type: z.literal("order"),
      id: z.string(),
      attributes: z.object({
        orderId: z.string(),
        status: z.enum(ORDER_STATUSES),
        sessionId: z.string().nullable(),
        checkout: checkoutSchema,
      }),
    })
    .describe("The answer to a new order: open checkout.url in the customer's browser."),
);

export const errorResponseSchema = component(
  "Error",
  z
    .object({
      success: z.literal(false),
      error: z.object({
        code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
        message: z.string().describe("For people; may change."),
        details: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe("One entry per offending field or parameter."),
        requestId: z.string().describe("`req_…`, also in the Request-Id header."),
      }),
    })
    .describe("Every error answers with this envelope."),
);

const listEnvelopeSchema = component(
  "List",
  z
    .object({
      object: z.literal("list"),
      url: z.string().describe("The list's path, e.g. /v1/sessions."),
      has_more: z.boolean().describe("Whether more items exist beyond this page."),
      data: z.array(z.unknown()).describe("Up to `limit` items, newest first."),
    })
    .describe("A page of a list, as Stripe's lists answer."),
);

export const sessionListResponseSchema = component("SessionList", z.intersection(listEnvelopeSchema, z.object({ data: z.array(sessionResponseSchema) })));
export const orderListResponseSchema = component("OrderList", z.intersection(listEnvelopeSchema, z.object({ data: z.array(orderResponseSchema) })));

const gatewaySummarySchema = z.object({ id: z.enum(GATEWAY_IDS), name: z.string(), logo: z.string().nullable() });

export const quotesResponseSchema = component(
  "Quotes",
  z.object({
    success: z.literal(true),
    data: z.object({
      quotes: z
        .array(
          z.object({
            gateway: gatewaySummarySchema,
            rate: decimal("Crypto per unit of fiat, after the gateway's spread."),
            fiatAmount: decimal("What the buyer pays, fees included (2 decimals)."),
            cryptoAmount: decimal("What arrives in the wallet, net of every fee."),
            fees: z.object({ gateway: z.string(), network: z.string(), total: z.string(), currency: z.string() }),
            paymentMethods: z.array(z.string()),
            limits: z.object({ minFiat: z.number(), maxFiat: z.number(), minCrypto: z.number(), maxCrypto: z.number() }),
            estimatedDeliveryTime: z.string(),
            kycHandledByProvider: z.boolean(),
            checkoutMethod: z.enum(["redirect", "iframe"]),
            expiresAt: dateTime("The price holds until then (about 60 s)."),
          }),
        )
        .describe("Best first: most crypto received, net of fees."),
      unavailable: z
        .array(z.object({ gateway: gatewaySummarySchema, code: z.string().describe("Why, for programs (e.g. AMOUNT_TOO_LOW)."), reason: z.string().describe("Why, for people.") }))
        .describe("Gateways that can't quote this request, and why."),
      fiatCurrency: z.string(),
      cryptoCurrency: z.string(),
      network: z.string(),
      fiatAmount: z.string(),
      livemode: z.boolean(),
    }),
  }),
);

const minMax = { minAmount: z.number(), maxAmount: z.number() };
export const supportedResponseSchema = component(
  "Supported",
  z.object({
    success: z.literal(true),
    data: z.object({
      gateways: z.array(
        z.object({
          id: z.enum(GATEWAY_IDS),
          name: z.string(),
          logo: z.string().nullable(),
          enabled: z.boolean(),
          features: z.object({
            supportsIframe: z.boolean(),
            supportsWidget: z.boolean(),
            supportsBuy: z.boolean(),
            supportsSell: z.boolean(),
            supportsRecurring: z.boolean(),
            kycHandledByProvider: z.boolean(),
          }),
        }),
      ),
      fiats: z.array(z.object({ code: z.string(), name: z.string(), symbol: z.string(), ...minMax, paymentMethods: z.array(z.string()) })),
      cryptos: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          networks: z.array(z.object({ id: z.string(), name: z.string(), ...minMax, isDefault: z.boolean() })),
        }),
      ),
      paymentMethods: z.array(z.object({ id: z.string(), name: z.string(), supportedFiats: z.array(z.string()) })),
      defaultGateway: z.enum(GATEWAY_IDS).nullable(),
      livemode: z.boolean(),
    }),
  }),
);

export const checkoutIntentResponseSchema = component(
  "CheckoutIntent",
  z.object({
    success: z.literal(true),
    data: z.object({ orderId: z.string(), status: z.enum(ORDER_STATUSES), gateway: z.string(), checkout: checkoutSchema, livemode: z.boolean() }),
  }),
);

export const transactionResponseSchema = component(
  "Transaction",
  z.object({
    success: z.literal(true),
    data: z.object({
      id: z.string().describe("The transaction id (`txn_…`) once completed, else the order id."),
      orderId: z.string(),
      status: z.enum(["pending", "processing", "completed", "failed", "refunded", "expired"]),
      fiatCurrency: z.string(),
      fiatAmount: z.string(),
      cryptoCurrency: z.string(),
      cryptoAmount: z.string().nullable(),
      network: z.string(),
      walletAddress: z.string(),
      transactionHash: z.string().nullable(),
      gateway: z.string(),
      createdAt: dateTime(),
      completedAt: dateTime().nullable(),
      refundedAt: dateTime().nullable(),
    }),
  }),
);

const webhookEndpointAttributes = {
  id: z.string().describe("The endpoint's id (`we_…`)."),
  url: z.string().describe("Where events are POSTed."),
  description: z.string().nullable(),
  enabledEvents: z.array(z.enum(["*", ...dbSchema.EVENT_TYPES])).describe('The event types it receives; `["*"]` for all.'),
  status: z.enum(["enabled", "disabled"]),
  disabledReason: z.string().nullable().describe("Why it was disabled (by a team member, or after 5 days of failed deliveries)."),
  mode: z.enum(["test", "live"]),
  failingSince: dateTime("Since when every delivery has failed; null while healthy.").nullable(),
  createdAt: dateTime(),
  updatedAt: dateTime(),
};

export const webhookEndpointSchema = component(
  "WebhookEndpoint",
  z.object({ type: z.literal("webhook_endpoint"), id: z.string(), attributes: z.object(webhookEndpointAttributes) }),
);

export const createdWebhookEndpointSchema = component(
  "WebhookEndpointWithSecret",
  z.object({
    type: z.literal("webhook_endpoint"),
    id: z.string(),
    attributes: z.object({
      ...webhookEndpointAttributes,
      secret: z.string().describe("The signing secret (`whsec_…`). Returned when created or rolled only; in live mode never again."),
    }),
  }),
);

export const webhookEndpointResultSchema = component("WebhookEndpointResult", z.union([webhookEndpointSchema, createdWebhookEndpointSchema]));

export const webhookEndpointListSchema = component(
  "WebhookEndpointList",
  z.object({ object: z.literal("list"), url: z.string(), has_more: z.boolean(), data: z.array(webhookEndpointSchema) }),
);

export const deletedWebhookEndpointSchema = component(
  "DeletedWebhookEndpoint",
  z.object({ type: z.literal("webhook_endpoint"), id: z.string(), deleted: z.literal(true) }),
);

// ---------------------------------------------------------------------------------------
// Examples (the values of docs/api-contract.md's examples). The tests parse each with its zod schema.
// ---------------------------------------------------------------------------------------

const EX = {
  projectId: "550e8400-e29b-41d4-a716-446655440000",
  sessionId: "sess_7Hq2LmN9pRx4TzVb8KcD1fGs",
  orderId: "ord_3JkW8nQe5RtY2uIo9PaS4dFg",
  customerId: "cust_9XcV2bN7mQ4wE1rT6yU8iO3p",
  transactionId: "txn_5GhJ2kL8zX4cV7bN1mQ9wE3r",
  requestId: "req_2Wd7Fg9Hj4Kl1Zx6Cv8Bn3Mq",
  clientSecret: "sess_secret_YOUR_CLIENT_SECRET",
  address: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",
  checkoutUrl: "https://checkout.gateway.example/pay/9f3b2c",
  endpointId: "we_8Kd2Lq7Wn4Zx1Rt6Yp3Vb9Mc",
};

export const EXAMPLES = {
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
  sessionOrder: {
    clientSecret: EX.clientSecret,
    fiatAmount: "100",
    fiatCurrency: "USD",
    cryptoCurrency: "ETH",
    network: "ethereum",
    walletAddress: EX.address,
    gateway: "moonpay",
    email: "player@example.com",
  },
  checkoutIntent: {
    projectId: EX.projectId,
    gateway: "banxa",
    fiatCurrency: "USD",
    fiatAmount: "100",
    cryptoCurrency: "ETH",
    network: "ethereum",
    walletAddress: EX.address,
    partnerMetadata: { orderId: "your-internal-order-123" },
  },
  refundOrder: { reason: "The customer cancelled the purchase." },
  createWebhookEndpoint: { url: "https://yoursite.com/webhooks/ramp", description: "Order updates", enabledEvents: ["order.completed", "order.failed", "transaction.completed"] },
  updateWebhookEndpoint: { enabledEvents: ["*"], rollSecret: { graceHours: 24 } },
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

const checkoutExample = { method: "redirect", url: EX.checkoutUrl, expiresAt: 1800, expiresAtTime: "2026-02-17T15:35:00.000Z" };

const orderExample = {
  type: "order",
  id: EX.orderId,
  attributes: {
    orderId: EX.orderId,
    type: "buy",
    status: "completed",
    sessionId: EX.sessionId,
    gateway: "moonpay",
    source: { currency: "USD", amount: "100.00" },
    destination: { currency: "ETH", amount: "0.029750", address: EX.address },
    network: "ethereum",
    rate: "0.0003125",
    fees: { gateway: "4.20", network: "0.60", currency: "USD" },
    paymentMethod: "debit-credit-card",
    customerId: EX.customerId,
    externalCustomerId: "player_12345",
    metadata: {
      provider: "moonpay",
      providerOrderId: "mp_8c1e4f",
      email: "player@example.com",
      paymentMethodId: "debit-credit-card",
      partnerMetadata: { partnerOrderId: "game_purchase_789", itemId: "sword_of_destiny" },
    },
    checkout: { method: "redirect", url: EX.checkoutUrl, expiresAt: 0, expiresAtTime: "2026-02-17T15:35:00.000Z" },
    transaction: { id: EX.transactionId, hash: "0x9a3c5e7f1b2d4c6e8a0b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f" },
    failureReason: null,
    refundReason: null,
    livemode: false,
    createdAt: "2026-02-17T15:05:00.000Z",
    completedAt: "2026-02-17T15:09:00.000Z",
    refundedAt: null,
  },
};

const webhookEndpointExample = {
  type: "webhook_endpoint",
  id: EX.endpointId,
  attributes: {
    id: EX.endpointId,
    url: "https://yoursite.com/webhooks/ramp",
    description: "Order updates",
    enabledEvents: ["order.completed", "order.failed", "transaction.completed"],
    status: "enabled",
    disabledReason: null,
    mode: "test",
    failingSince: null,
    createdAt: "2026-02-17T15:00:00.000Z",
    updatedAt: "2026-02-17T15:00:00.000Z",
  },
};

const gatewayExample = { id: "moonpay", name: "MoonPay", logo: null };

export const RESPONSE_EXAMPLES = {
  CreatedSession: {
    type: "session",
    id: EX.sessionId,
    // The contract's field order (docs/api-contract.md#create-a-session): clientSecret right after projectId.
    attributes: (({ sessionId, projectId, ...rest }) => ({ sessionId, projectId, clientSecret: "sess_secret_4kT9bW2mQ7xZ1cV8nR3pL6yH0dF5gJ2s", ...rest }))(sessionAttributesExample),
  },
  Session: { type: "session", id: EX.sessionId, attributes: sessionAttributesExample },
  SessionList: { object: "list", url: "/v1/sessions", has_more: false, data: [{ type: "session", id: EX.sessionId, attributes: sessionAttributesExample }] },
  CreatedOrder: { type: "order", id: EX.orderId, attributes: { orderId: EX.orderId, status: "created", sessionId: EX.sessionId, checkout: checkoutExample } },
  Order: orderExample,
  OrderList: { object: "list", url: "/v1/orders", has_more: true, data: [orderExample] },
  WebhookEndpoint: webhookEndpointExample,
  WebhookEndpointWithSecret: { ...webhookEndpointExample, attributes: { ...webhookEndpointExample.attributes, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } },
  WebhookEndpointResult: webhookEndpointExample,
  WebhookEndpointList: { object: "list", url: "/v1/webhook_endpoints", has_more: false, data: [webhookEndpointExample] },
  DeletedWebhookEndpoint: { type: "webhook_endpoint", id: EX.endpointId, deleted: true },
  Quotes: {
    success: true,
    data: {
      quotes: [
        {
          gateway: gatewayExample,
          rate: "0.0003125",
          fiatAmount: "100.00",
          cryptoAmount: "0.029750",
          fees: { gateway: "4.20", network: "0.60", total: "4.80", currency: "USD" },
          paymentMethods: ["debit-credit-card", "apple-pay"],
          limits: { minFiat: 30, maxFiat: 15000, minCrypto: 0.001, maxCrypto: 100 },
          estimatedDeliveryTime: "5–20 min",
          kycHandledByProvider: true,
          checkoutMethod: "redirect",
          expiresAt: "2026-02-17T15:01:00.000Z",
        },
      ],
      unavailable: [{ gateway: { id: "mercuryo", name: "Mercuryo", logo: null }, code: "NOT_ENABLED", reason: "Not enabled for this project" }],
      fiatCurrency: "USD",
      cryptoCurrency: "ETH",
      network: "ethereum",
      fiatAmount: "100.00",
      livemode: false,
    },
  },
  Supported: {
    success: true,
    data: {
      gateways: [
        {
          ...gatewayExample,
          enabled: true,
          features: { supportsIframe: true, supportsWidget: true, supportsBuy: true, supportsSell: true, supportsRecurring: false, kycHandledByProvider: true },
        },
      ],
      fiats: [{ code: "USD", name: "US Dollar", symbol: "$", minAmount: 30, maxAmount: 15000, paymentMethods: ["debit-credit-card", "apple-pay"] }],
      cryptos: [{ code: "ETH", name: "Ether", networks: [{ id: "ethereum", name: "Ethereum", minAmount: 0.001, maxAmount: 100, isDefault: true }] }],
      paymentMethods: [{ id: "debit-credit-card", name: "Debit or credit card", supportedFiats: ["USD"] }],
      defaultGateway: "moonpay",
      livemode: false,
    },
  },
  CheckoutIntent: { success: true, data: { orderId: EX.orderId, status: "created", gateway: "banxa", checkout: checkoutExample, livemode: false } },
  Transaction: {
    success: true,
    data: {
      id: EX.transactionId,
      orderId: EX.orderId,
      status: "completed",
      fiatCurrency: "USD",
      fiatAmount: "100.00",
      cryptoCurrency: "ETH",
      cryptoAmount: "0.029750",
      network: "ethereum",
      walletAddress: EX.address,
      transactionHash: "0x9a3c5e7f1b2d4c6e8a0b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f",
      gateway: "moonpay",
      createdAt: "2026-02-17T15:05:00.000Z",
      completedAt: "2026-02-17T15:09:00.000Z",
      refundedAt: null,
    },
  },
} as const;

// ---------------------------------------------------------------------------------------
// Request schemas: converted from the routes' zod schemas, then described.
// ---------------------------------------------------------------------------------------

/** Additions to one property of a converted schema: prose, and the values a `.refine` admits. */
interface FieldDoc {
  description: string;
  enum?: readonly string[];
  maxProperties?: number;
  example?: string;
}
type FieldDocs = Record<string, FieldDoc>;

const caseInsensitive = "Matched case-insensitively and stored in the spelling listed.";
const metadataLimits = `At most ${METADATA_LIMITS.maxKeys} top-level keys, ${METADATA_LIMITS.maxBytes / 1024} KB of JSON, ${METADATA_LIMITS.maxDepth} levels of nesting.`;
const fiat = (description: string): FieldDoc => ({ description: `${description} ${caseInsensitive}`, enum: FIAT_CODES });
const crypto = (description: string): FieldDoc => ({ description: `${description} ${caseInsensitive}`, enum: CRYPTO_CODES });
const network = (description: string): FieldDoc => ({ description: `${description} ${caseInsensitive}`, enum: NETWORK_IDS });
const amount = (description: string): FieldDoc => ({ description: `${description} A decimal string greater than 0 with at most 2 decimals, e.g. "100".` });
const countryDoc: FieldDoc = { description: "ISO 3166-1 alpha-2 country code, e.g. US (any case)." };

const CREATE_SESSION_DOCS: FieldDocs = {
  externalCustomerId: { description: "Your user's id. At least one of externalCustomerId or customerId is required; a new one creates a customer." },
  customerId: { description: "A customer (`cust_…`) of this project and mode, from an earlier session." },
  type: { description: '"onramp" (default) or "offramp".' },
  sourceAmount: amount("Fiat amount."),
  sourceCurrency: fiat("Fiat currency code."),
  destinationCurrency: crypto("Crypto currency code."),
  network: network("Blockchain network; it must carry destinationCurrency."),
  destinationAddress: { description: "Wallet address that receives the crypto; checked against network, which is then required." },
  redirectUrl: {
    description:
      "Absolute https URL the customer returns to after payment (http://localhost is allowed in test mode). In live mode it must start with one of the project's allowed redirect origins.",
  },
  country: { description: "ISO 3166-1 alpha-2 country code, e.g. US (any case)." },
  expiresInSeconds: { description: `Session lifetime in seconds. Default ${TTL_LIMITS.default} (30 min), at most ${TTL_LIMITS.max} (24 h).` },
  metadata: { description: `Your data; it flows into order.metadata.partnerMetadata and into webhooks. ${metadataLimits}`, maxProperties: METADATA_LIMITS.maxKeys },
  fieldLocks: {
    description:
      "Overrides of auto-locking: every field given is locked unless set to { locked: false } here. A locked field needs a value; min and max bound sourceAmount only.",
  },
};

const orderFieldNote = "Required when the session does not set it; must equal the session's value when that field is locked.";
const CONFIRM_SESSION_DOCS: FieldDocs = {
  clientSecret: { description: "The session's clientSecret, returned once when it was created." },
  sourceAmount: amount("A new fiat amount (unlocked fields only, within fieldLocks.sourceAmount's min and max)."),
  sourceCurrency: fiat("A new fiat currency (unlocked fields only)."),
  destinationCurrency: crypto("A new crypto currency (unlocked fields only)."),
  network: network("A new network (unlocked fields only)."),
  destinationAddress: { description: "A new wallet address (unlocked fields only)." },
  country: countryDoc,
};

const paymentMethodDoc: FieldDoc = { description: `A payment method the gateway offers for the fiat, e.g. debit-credit-card (see /supported).` };
const SESSION_ORDER_DOCS: FieldDocs = {
  clientSecret: { description: "The session's clientSecret." },
  gateway: { description: "The gateway the customer chose (a quote's gateway.id); it must be enabled for the project in this mode." },
  fiatAmount: amount(`Fiat amount. ${orderFieldNote}`),
  fiatCurrency: fiat(`Fiat currency. ${orderFieldNote}`),
  cryptoCurrency: crypto(`Crypto currency. ${orderFieldNote}`),
  network: network(`Network. ${orderFieldNote}`),
  walletAddress: { description: `Wallet address, valid for the network. ${orderFieldNote}` },
  email: { description: "The customer's email, passed to the gateway." },
  paymentMethod: paymentMethodDoc,
};

const CHECKOUT_INTENT_DOCS: FieldDocs = {
  projectId: { description: "Your project's UUID." },
  gateway: SESSION_ORDER_DOCS.gateway!,
  fiatCurrency: fiat("Fiat currency."),
  fiatAmount: amount("Fiat amount."),
  cryptoCurrency: crypto("Crypto currency."),
  network: network("Network; it must carry cryptoCurrency."),
  walletAddress: { description: "Wallet address, valid for the network." },
  email: SESSION_ORDER_DOCS.email!,
  paymentMethod: paymentMethodDoc,
  externalCustomerId: { description: "Your user's id; creates or reuses a customer." },
  redirectUrl: { description: "Absolute URL the customer returns to after payment." },
  partnerMetadata: { description: `Your data, kept under order.metadata.partnerMetadata. ${metadataLimits}`, maxProperties: METADATA_LIMITS.maxKeys },
};

const REFUND_ORDER_DOCS: FieldDocs = {
  reason: { description: "Why you refund it, for your records (up to 500 characters); shown in the console and kept as the order's refundReason." },
};

const eventTypesNote = `One or more of ${dbSchema.EVENT_TYPES.join(", ")}; or ["*"] for every type (the default).`;
const CREATE_WEBHOOK_ENDPOINT_DOCS: FieldDocs = {
  url: { description: "The http(s) URL that receives the events. In live mode it must resolve to public addresses only." },
  description: { description: "A note for your team, up to 300 characters." },
  enabledEvents: { description: eventTypesNote },
};
const UPDATE_WEBHOOK_ENDPOINT_DOCS: FieldDocs = {
  ...CREATE_WEBHOOK_ENDPOINT_DOCS,
  enabledEvents: { description: eventTypesNote.replace(" (the default)", "") },
  status: { description: "`disabled` pauses deliveries; `enabled` resumes them (also after an automatic disable).", enum: ["enabled", "disabled"] },
  rollSecret: { description: "Roll the signing secret: `true`, or `{ graceHours }` (0–168, default 24) during which the old secret signs too. The answer carries the new secret." },
};

const QUOTE_QUERY_DOCS: FieldDocs = {
  projectId: { description: "Your project's UUID.", example: EX.projectId },
  fiatCurrency: { ...fiat("Fiat currency to pay in."), example: "USD" },
  cryptoCurrency: { ...crypto("Crypto currency to buy."), example: "ETH" },
  network: { ...network("Network to deliver on; it must carry cryptoCurrency."), example: "ethereum" },
  fiatAmount: { description: 'Amount to pay, a decimal string with at most 2 decimals, e.g. "100".', example: "100" },
  country: { description: "The buyer's ISO 3166-1 alpha-2 country: gateways that don't serve it are listed as unavailable." },
  paymentMethod: { description: `Only gateways offering this payment method. ${caseInsensitive}`, enum: PAYMENT_METHOD_IDS },
  orderType: { description: "Quotes are for buying crypto; buy is the default." },
};

const SUPPORTED_QUERY_DOCS: FieldDocs = {
  projectId: { description: "Your project's UUID.", example: EX.projectId },
  orderType: { description: "Only gateways that support buying or selling." },
  country: { description: "Only what gateways serving this ISO 3166-1 alpha-2 country offer." },
};

/** A zod schema's input as JSON Schema 2020-12, with the docs merged into its properties. */
function inputSchema(schema: z.ZodType, docs: FieldDocs, extra: JsonSchema = {}): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as JsonSchema;
  delete json.$schema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, doc] of Object.entries(docs)) {
    const property = properties[name];
    // A doc for a field the schema doesn't have is a stale doc: fail loudly.
    if (!property) throw new Error(`openapi: documented field ${name} is not in the schema`);
    property.description = doc.description;
    if (doc.enum) property.enum = [...doc.enum];
    if (doc.maxProperties !== undefined) property.maxProperties = doc.maxProperties;
    if (doc.example !== undefined) property.examples = [doc.example];
  }
  return { ...json, ...extra };
}

export const REQUEST_SCHEMAS = {
  CreateSessionRequest: () =>
    inputSchema(createSessionSchema, CREATE_SESSION_DOCS, {
      // The schema's superRefine, which JSON Schema can say.
      anyOf: [{ required: ["externalCustomerId"] }, { required: ["customerId"] }],
    }),
  ConfirmSessionRequest: () => inputSchema(confirmSessionSchema, CONFIRM_SESSION_DOCS),
  CreateSessionOrderRequest: () => inputSchema(sessionOrderSchema, SESSION_ORDER_DOCS),
  CheckoutIntentRequest: () => inputSchema(checkoutIntentSchema, CHECKOUT_INTENT_DOCS),
  RefundOrderRequest: () => inputSchema(refundOrderSchema, REFUND_ORDER_DOCS),
  CreateWebhookEndpointRequest: () => inputSchema(createEndpointSchema, CREATE_WEBHOOK_ENDPOINT_DOCS),
  UpdateWebhookEndpointRequest: () => inputSchema(updateEndpointApiSchema, UPDATE_WEBHOOK_ENDPOINT_DOCS),
};

/** The zod schema behind each request body, for the tests. */
export const REQUEST_ZOD_SCHEMAS = {
  CreateSessionRequest: createSessionSchema,
  ConfirmSessionRequest: confirmSessionSchema,
  CreateSessionOrderRequest: sessionOrderSchema,
  CheckoutIntentRequest: checkoutIntentSchema,
  RefundOrderRequest: refundOrderSchema,
  CreateWebhookEndpointRequest: createEndpointSchema,
  UpdateWebhookEndpointRequest: updateEndpointApiSchema,
} as const;

interface Parameter {
  name: string;
  in: "query" | "path" | "header";
  required: boolean;
  description: string;
  schema: JsonSchema;
  example?: unknown;
}

/** Query parameters from a zod object schema (the public endpoints parse them with it). */
function queryParameters(schema: z.ZodObject, docs: FieldDocs): Parameter[] {
  const json = inputSchema(schema, docs);
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(json.properties as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, examples, ...rest } = property as JsonSchema & { description?: string; examples?: unknown[] };
    return {
      name,
      in: "query" as const,
      required: required.has(name),
      description: description ?? "",
      schema: rest,
      ...(examples?.length ? { example: examples[0] } : {}),
    };
  });
}

/** The list parameters (docs/api-contract.md#lists); names and bounds from list-params.ts (see the tests). */
function listParameters(statuses: readonly string[], noun: string): Parameter[] {
  const cursor = { type: "string", pattern: "^[A-Za-z]+_[0-9A-Za-z]{1,64}$" };
  const seconds = { type: "integer", minimum: 0, maximum: 253_402_300_799 };
  const bound = (name: "gt" | "gte" | "lt" | "lte", words: string): Parameter => ({
    name: `created[${name}]`,
    in: "query",
    required: false,
    description: `Only ${noun}s created ${words} this unix time (seconds).`,
    schema: seconds,
  });
  return [
    {
      name: "limit",
      in: "query",
      required: false,
      description: `How many ${noun}s to return, ${1}–${MAX_LIST_LIMIT}.`,
      schema: { type: "integer", minimum: 1, maximum: MAX_LIST_LIMIT, default: DEFAULT_LIST_LIMIT },
      example: 3,
    },
    { name: "starting_after", in: "query", required: false, description: `Cursor: the id of the last ${noun} of the previous page (next page).`, schema: cursor },
    { name: "ending_before", in: "query", required: false, description: `Cursor: the id of the first ${noun} of the next page (previous page). Not with starting_after.`, schema: cursor },
    bound("gt", "after"),
    bound("gte", "at or after"),
    bound("lt", "before"),
    bound("lte", "at or before"),
    { name: "created", in: "query", required: false, description: `Only ${noun}s created during this second (unix time). Not with created[…].`, schema: seconds },
    { name: "status", in: "query", required: false, description: `Only ${noun}s in this status.`, schema: { type: "string", enum: [...statuses] } },
    {
      name: "destination_currency",
      in: "query",
      required: false,
      description: `Only ${noun}s buying this crypto currency (either case).`,
      schema: { type: "string", enum: [...CRYPTO_CODES] },
    },
    {
      name: "destination_network",
      in: "query",
      required: false,
      description: `Only ${noun}s delivering on this network (either case).`,
      schema: { type: "string", enum: [...NETWORK_IDS] },
    },
  ];
}

function pathParameter(name: string, description: string, example: string): Parameter {
  return { name, in: "path", required: true, description, schema: { type: "string" }, example };
}

// ---------------------------------------------------------------------------------------
// The operations.
// ---------------------------------------------------------------------------------------

interface OperationSpec {
  operationId: string;
  method: "get" | "post" | "delete";
  path: string;
  tag: Tag;
  summary: string;
  description: string;
  auth: Auth;
  parameters?: Parameter[];
  /** `optional`: the body may be left out entirely (every field is optional). */
  body?: { component: keyof typeof REQUEST_SCHEMAS; example: unknown; optional?: boolean };
  idempotent?: boolean;
  success: { status: 200 | 201; description: string; component: keyof typeof RESPONSE_EXAMPLES | null };
  errors: ErrorCode[];
}

const KEY_ERRORS: ErrorCode[] = ["MISSING_API_KEY", "INVALID_API_KEY", "API_KEY_EXPIRED", "PROJECT_ARCHIVED"];
const SECRET_ERRORS: ErrorCode[] = [...KEY_ERRORS, "INSUFFICIENT_PERMISSIONS"];
/** Public endpoints: no key is fine; a bad one, a secret one or another project's is refused. */
const PUBLIC_KEY_ERRORS: ErrorCode[] = ["INVALID_API_KEY", "API_KEY_EXPIRED", "INSUFFICIENT_PERMISSIONS", "FORBIDDEN", "PROJECT_ARCHIVED"];
const IDEMPOTENCY_ERRORS: ErrorCode[] = ["VALIDATION_ERROR", "IDEMPOTENCY_KEY_REUSED", "IDEMPOTENCY_KEY_IN_USE"];
/** Every API endpoint may answer these. */
const ALWAYS: ErrorCode[] = ["RATE_LIMIT_EXCEEDED", "INTERNAL_ERROR"];
const FIELD_ERRORS: ErrorCode[] = ["VALIDATION_ERROR", "INVALID_AMOUNT", "INVALID_CURRENCY", "INVALID_NETWORK", "INVALID_WALLET_ADDRESS"];
const SESSION_STATE_ERRORS: ErrorCode[] = ["SESSION_EXPIRED", "SESSION_ALREADY_USED", "INVALID_STATE"];

const sessionIdParameter = pathParameter("sessionId", "The session's id (`sess_…`).", EX.sessionId);

const OPERATIONS: OperationSpec[] = [
  {
    operationId: "createSession",
    method: "post",
    path: "/v1/sessions",
    tag: "Sessions",
    summary: "Create a session",
    description:
      "From your backend, with a secret key. Fields you set are locked for the customer unless `fieldLocks` says otherwise. The response carries the clientSecret once: redirect the customer to the hosted checkout with sessionId, clientSecret and projectId.",
    auth: "secret",
    body: { component: "CreateSessionRequest", example: EXAMPLES.createSession },
    idempotent: true,
    success: { status: 201, description: "The session, with its clientSecret (returned only here).", component: "CreatedSession" },
    errors: [...FIELD_ERRORS, ...SECRET_ERRORS, ...IDEMPOTENCY_ERRORS, ...ALWAYS],
  },
  {
    operationId: "listSessions",
    method: "get",
    path: "/v1/sessions",
    tag: "Sessions",
    summary: "List sessions",
    description: "The project's sessions in the key's mode, newest first, filtered and paged as Stripe's lists are.",
    auth: "secret",
    parameters: listParameters(SESSION_STATUSES, "session"),
    success: { status: 200, description: "A page of sessions.", component: "SessionList" },
    errors: ["VALIDATION_ERROR", ...SECRET_ERRORS, ...ALWAYS],
  },
  {
    operationId: "getSession",
    method: "get",
    path: "/v1/sessions/{sessionId}",
    tag: "Sessions",
    summary: "Retrieve a session",
    description: "Loads a session to populate a custom checkout UI; show locked fields read-only. A publishable key is enough (a secret key works too).",
    auth: "key",
    parameters: [sessionIdParameter],
    success: { status: 200, description: "The session (never its clientSecret).", component: "Session" },
    errors: [...KEY_ERRORS, "NOT_FOUND", "SESSION_EXPIRED", ...ALWAYS],
  },
  {
    operationId: "confirmSession",
    method: "post",
    path: "/v1/sessions/{sessionId}/confirm",
    tag: "Sessions",
    summary: "Confirm a session",
    description: "Optional step: the customer confirms the session's parameters and may change fields that are not locked.",
    auth: "clientSecret",
    parameters: [sessionIdParameter],
    body: { component: "ConfirmSessionRequest", example: EXAMPLES.confirmSession },
    idempotent: true,
    success: { status: 200, description: "The confirmed session.", component: "Session" },
    errors: [...FIELD_ERRORS, ...KEY_ERRORS, "FORBIDDEN", "NOT_FOUND", ...SESSION_STATE_ERRORS, ...IDEMPOTENCY_ERRORS, ...ALWAYS],
  },
  {
    operationId: "cancelSession",
    method: "post",
    path: "/v1/sessions/{sessionId}/cancel",
    tag: "Sessions",
    summary: "Cancel a session",
    description: "From your backend: cancels a session nobody has paid through yet. Cancelling a cancelled session answers it again.",
    auth: "secret",
    parameters: [sessionIdParameter],
    idempotent: true,
    success: { status: 200, description: "The cancelled session.", component: "Session" },
    errors: [...SECRET_ERRORS, "NOT_FOUND", "SESSION_EXPIRED", "SESSION_ALREADY_USED", ...IDEMPOTENCY_ERRORS, ...ALWAYS],
  },
  {
    operationId: "createSessionOrder",
    method: "post",
    path: "/v1/sessions/{sessionId}/order",
    tag: "Orders",
    summary: "Create an order from a session",
    description: "When the customer picks a quote: places the order with the gateway. Exactly one order per session. Open `checkout.url` in the customer's browser.",
    auth: "clientSecret",
    parameters: [sessionIdParameter],
    body: { component: "CreateSessionOrderRequest", example: EXAMPLES.sessionOrder },
    idempotent: true,
    success: { status: 201, description: "The order and where the customer pays.", component: "CreatedOrder" },
    errors: [...FIELD_ERRORS, "INVALID_GATEWAY", ...KEY_ERRORS, "FORBIDDEN", "NOT_FOUND", ...SESSION_STATE_ERRORS, ...IDEMPOTENCY_ERRORS, "GATEWAY_UNAVAILABLE", ...ALWAYS],
  },
  {
    operationId: "listOrders",
    method: "get",
    path: "/v1/orders",
    tag: "Orders",
    summary: "List orders",
    description: "The project's orders in the key's mode, newest first, filtered and paged as Stripe's lists are.",
    auth: "secret",
    parameters: listParameters(ORDER_STATUSES, "order"),
    success: { status: 200, description: "A page of orders.", component: "OrderList" },
    errors: ["VALIDATION_ERROR", ...SECRET_ERRORS, ...ALWAYS],
  },
  {
    operationId: "getOrder",
    method: "get",
    path: "/v1/orders/{orderId}",
    tag: "Orders",
    summary: "Retrieve an order",
    description: "One order of the key's project and mode.",
    auth: "secret",
    parameters: [pathParameter("orderId", "The order's id (`ord_…`).", EX.orderId)],
    success: { status: 200, description: "The order.", component: "Order" },
    errors: [...SECRET_ERRORS, "NOT_FOUND", ...ALWAYS],
  },
  {
    operationId: "refundOrder",
    method: "post",
    path: "/v1/orders/{orderId}/refund",
    tag: "Orders",
    summary: "Refund an order",
    description:
      "Asks the order's gateway to give the customer's payment back. Only a completed order can be refunded, once. The order becomes `refunded` (with `refundedAt`) when the gateway confirms, which it may do before answering (the sandbox does): then the answer already shows it; otherwise it still shows `completed` and an `order.refunded` webhook follows the confirmation. The session stays `completed`.",
    auth: "secret",
    parameters: [pathParameter("orderId", "The order's id (`ord_…`).", EX.orderId)],
    body: { component: "RefundOrderRequest", example: EXAMPLES.refundOrder, optional: true },
    idempotent: true,
    success: { status: 200, description: "The order, `refunded` once the gateway has confirmed.", component: "Order" },
    errors: [...SECRET_ERRORS, "NOT_FOUND", "INVALID_STATE", ...IDEMPOTENCY_ERRORS, "GATEWAY_UNAVAILABLE", ...ALWAYS],
  },
  {
    operationId: "getQuotes",
    method: "get",
    path: "/public/v1/onramp/quotes",
    tag: "Public onramp",
    summary: "Get quotes",
    description: "Ranked quotes from the project's enabled gateways, best first (most crypto received, net of fees). No key needed; CORS is open.",
    auth: "none",
    parameters: queryParameters(quoteQuerySchema, QUOTE_QUERY_DOCS),
    success: { status: 200, description: "Quotes, and the gateways that can't quote and why.", component: "Quotes" },
    errors: ["VALIDATION_ERROR", "INVALID_CURRENCY", "INVALID_NETWORK", "INVALID_AMOUNT", ...PUBLIC_KEY_ERRORS, "NOT_FOUND", ...ALWAYS],
  },
  {
    operationId: "getSupported",
    method: "get",
    path: "/public/v1/onramp/supported",
    tag: "Public onramp",
    summary: "Supported currencies and gateways",
    description: "The fiats, cryptos with their networks, payment methods and gateways the project's checkout offers. No key needed; CORS is open.",
    auth: "none",
    parameters: queryParameters(supportedQuerySchema, SUPPORTED_QUERY_DOCS),
    success: { status: 200, description: "What the checkout offers.", component: "Supported" },
    errors: ["VALIDATION_ERROR", ...PUBLIC_KEY_ERRORS, "NOT_FOUND", ...ALWAYS],
  },
  {
    operationId: "createCheckoutIntent",
    method: "post",
    path: "/public/v1/onramp/checkout-intent",
    tag: "Public onramp",
    summary: "Create a checkout intent",
    description: "An order without a session, straight from a quote. No key needed; `partnerMetadata` is kept under the order's metadata.",
    auth: "none",
    body: { component: "CheckoutIntentRequest", example: EXAMPLES.checkoutIntent },
    idempotent: true,
    success: { status: 201, description: "The order and where the customer pays.", component: "CheckoutIntent" },
    errors: [...FIELD_ERRORS, "INVALID_GATEWAY", ...PUBLIC_KEY_ERRORS, "NOT_FOUND", "IDEMPOTENCY_KEY_REUSED", "IDEMPOTENCY_KEY_IN_USE", "GATEWAY_UNAVAILABLE", ...ALWAYS],
  },
  {
    operationId: "getTransaction",
    method: "get",
    path: "/public/v1/onramp/transactions/{transactionId}",
    tag: "Public onramp",
    summary: "Transaction status",
    description: "Polls an order's status by order id (`ord_…`) or transaction id (`txn_…`). No key needed; nothing personal is returned.",
    auth: "none",
    parameters: [pathParameter("transactionId", "An order id (`ord_…`) or transaction id (`txn_…`).", EX.orderId)],
    success: { status: 200, description: "The transaction's status and amounts.", component: "Transaction" },
    // A publishable key, when sent, must be valid and of the order's project (resolvePublicCaller).
    errors: [...PUBLIC_KEY_ERRORS, "NOT_FOUND", ...ALWAYS],
  },
  {
    operationId: "listWebhookEndpoints",
    method: "get",
    path: "/v1/webhook_endpoints",
    tag: "Webhooks",
    summary: "List webhook endpoints",
    description: "Every webhook endpoint of the key's project and mode (at most 20), newest first. Signing secrets are never listed.",
    auth: "secret",
    success: { status: 200, description: "The endpoints.", component: "WebhookEndpointList" },
    errors: [...SECRET_ERRORS, ...ALWAYS],
  },
  {
    operationId: "createWebhookEndpoint",
    method: "post",
    path: "/v1/webhook_endpoints",
    tag: "Webhooks",
    summary: "Create a webhook endpoint",
    description:
      "Events of the key's project and mode are POSTed to `url`, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) and with `X-Webhook-*` headers. The answer carries the signing secret: in live mode it is never shown again.",
    auth: "secret",
    body: { component: "CreateWebhookEndpointRequest", example: EXAMPLES.createWebhookEndpoint },
    idempotent: true,
    success: { status: 201, description: "The endpoint with its signing secret.", component: "WebhookEndpointWithSecret" },
    errors: [...SECRET_ERRORS, ...IDEMPOTENCY_ERRORS, ...ALWAYS],
  },
  {
    operationId: "getWebhookEndpoint",
    method: "get",
    path: "/v1/webhook_endpoints/{endpointId}",
    tag: "Webhooks",
    summary: "Retrieve a webhook endpoint",
    description: "One endpoint of the key's project and mode (never its secret).",
    auth: "secret",
    parameters: [pathParameter("endpointId", "The endpoint's id (`we_…`).", EX.endpointId)],
    success: { status: 200, description: "The endpoint.", component: "WebhookEndpoint" },
    errors: [...SECRET_ERRORS, "NOT_FOUND", ...ALWAYS],
  },
  {
    operationId: "updateWebhookEndpoint",
    method: "post",
    path: "/v1/webhook_endpoints/{endpointId}",
    tag: "Webhooks",
    summary: "Update a webhook endpoint",
    description: "Changes the fields given; `status` pauses or resumes deliveries; `rollSecret` issues a new signing secret (in the answer) while the old one keeps signing for the grace period.",
    auth: "secret",
    parameters: [pathParameter("endpointId", "The endpoint's id (`we_…`).", EX.endpointId)],
    body: { component: "UpdateWebhookEndpointRequest", example: EXAMPLES.updateWebhookEndpoint },
    idempotent: true,
    success: { status: 200, description: "The endpoint; with `secret` when it was rolled.", component: "WebhookEndpointResult" },
    errors: [...SECRET_ERRORS, "NOT_FOUND", ...IDEMPOTENCY_ERRORS, ...ALWAYS],
  },
  {
    operationId: "deleteWebhookEndpoint",
    method: "delete",
    path: "/v1/webhook_endpoints/{endpointId}",
    tag: "Webhooks",
    summary: "Delete a webhook endpoint",
    description: "Stops deliveries to the endpoint and removes it with its delivery log.",
    auth: "secret",
    parameters: [pathParameter("endpointId", "The endpoint's id (`we_…`).", EX.endpointId)],
    success: { status: 200, description: "The deleted endpoint's id.", component: "DeletedWebhookEndpoint" },
    errors: [...SECRET_ERRORS, "NOT_FOUND", ...ALWAYS],
  },
  {
    operationId: "getOpenApiDocument",
    method: "get",
    path: "/v1/openapi.json",
    tag: "Meta",
    summary: "This document",
    description: "The API as an OpenAPI 3.1 document, for code generators and API tools. No key needed.",
    auth: "none",
    success: { status: 200, description: "An OpenAPI 3.1 document.", component: null },
    errors: ["INTERNAL_ERROR"],
  },
];

const TAGS: { name: Tag; description: string }[] = [
  { name: "Sessions", description: "Create a session from your backend, then load, confirm or cancel it." },
  { name: "Orders", description: "Orders placed from sessions, the order history, and refunds." },
  { name: "Public onramp", description: "No key needed: quotes, supported assets, direct checkout intents and transaction status. A publishable key, when sent, selects its mode." },
  { name: "Webhooks", description: "Endpoints that receive signed events (order.*, transaction.completed, session.*). Deliveries, attempts and resends are in the console." },
  { name: "Meta", description: "About the API itself." },
];

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  secret: [{ secretKey: [] }],
  key: [{ publishableKey: [] }, { secretKey: [] }],
  clientSecret: [{ publishableKey: [] }, { secretKey: [] }],
  // `{}` first: no key at all is fine.
  none: [{}, { publishableKey: [] }],
};

const AUTH_NOTES: Record<Auth, string> = {
  secret: "Auth: secret key (`sk_…`), from your backend only.",
  key: "Auth: publishable key (`pk_…`); a secret key works too.",
  clientSecret: "Auth: publishable key (`pk_…`) plus the session's `clientSecret` in the body.",
  none: "Auth: none. A publishable key (`Authorization: Bearer pk_…`) selects its mode; without one the project's default mode is served.",
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.map((code) => `${code}: ${ERROR_CODE_DESCRIPTIONS[code]}`).join("\n"),
      headers: {
        "Request-Id": { $ref: "#/components/headers/RequestId" },
        ...(status === 429 ? { "Retry-After": { $ref: "#/components/headers/RetryAfter" } } : {}),
      },
      content: {
        "application/json": {
          schema: { allOf: [ref("Error"), { type: "object", properties: { error: { type: "object", properties: { code: { enum: list } } } } }] },
          example: { success: false, error: { code: list[0], message: ERROR_CODE_DESCRIPTIONS[list[0]!], requestId: EX.requestId } },
        },
      },
    };
  }
  return responses;
}

function operationObject(op: OperationSpec) {
  const parameters: unknown[] = (op.parameters ?? []).map((p) => ({ ...p }));
  if (op.idempotent) parameters.push({ $ref: "#/components/parameters/IdempotencyKey" });
  const success = {
    description: op.success.description,
    headers: {
      "Request-Id": { $ref: "#/components/headers/RequestId" },
      ...(op.idempotent ? { "Idempotent-Replayed": { $ref: "#/components/headers/IdempotentReplayed" } } : {}),
    },
    content: {
      "application/json":
        op.success.component === null
          ? { schema: { type: "object", description: "An OpenAPI 3.1 document." } }
          : { schema: ref(op.success.component), example: RESPONSE_EXAMPLES[op.success.component] },
    },
  };
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: `${op.description}\n\n${AUTH_NOTES[op.auth]}`,
    security: SECURITY[op.auth],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: !op.body.optional, content: { "application/json": { schema: ref(op.body.component), example: op.body.example } } } }
      : {}),
    responses: { [String(op.success.status)]: success, ...errorResponses(op.errors) },
  };
}

function responseComponents(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(components, { target: "draft-2020-12", io: "input", uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, JsonSchema>;
  };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, ReturnType<typeof operationObject>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, unknown>;
    parameters: Record<string, unknown>;
    headers: Record<string, unknown>;
  };
}

export function buildOpenApiDocument(baseUrl: string): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  const requestSchemas = Object.fromEntries(Object.entries(REQUEST_SCHEMAS).map(([name, build]) => [name, build()]));
  return {
    openapi: "3.1.0",
    info: {
      title: API_TITLE,
      version: API_VERSION,
      description: [
        "The session-based checkout API of the Ramp platform: create sessions from your backend with a secret key, let customers pay through the hosted checkout or your own UI, and follow orders.",
        "Successes answer `{ type, id, attributes }` (lists: `{ object: \"list\", url, has_more, data }`; public endpoints: `{ success: true, data }`). Errors answer `{ success: false, error: { code, message, details?, requestId } }`. Every response carries a `Request-Id` header.",
        "The key's prefix decides the mode: `sk_test_`/`pk_test_` for test data, `sk_live_`/`pk_live_` for live data. POST endpoints take an `Idempotency-Key` header (kept 24 hours).",
      ].join("\n\n"),
    },
    servers: [{ url: baseUrl }],
    tags: TAGS,
    paths,
    components: {
      schemas: { ...responseComponents(), ...requestSchemas },
      securitySchemes: {
        secretKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "sk_test_… / sk_live_…",
          description: "Secret key (`sk_…`). For your backend only: never ship it to a browser or app.",
        },
        publishableKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "pk_test_… / pk_live_…",
          description: "Publishable key (`pk_…`). Safe in browsers and apps.",
        },
      },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description:
            "A unique value per operation (e.g. a UUID). A retry with the same key and body replays the first answer (`Idempotent-Replayed: true`) for 24 hours; the same key with another body is refused.",
          schema: { type: "string", minLength: 1, maxLength: 255 },
        },
      },
      headers: {
        RequestId: { description: "This request's id (`req_…`); quote it to support.", schema: { type: "string" } },
        RetryAfter: { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 0 } },
        IdempotentReplayed: { description: "`true` when this is a replay of an earlier request with the same Idempotency-Key.", schema: { type: "string", enum: ["true"] } },
      },
    },
  };
}

const cache = new Map<string, OpenApiDocument>();

/** The document for this deployment (built once per base URL). */
export function openApiDocument(baseUrl: string): OpenApiDocument {
  let doc = cache.get(baseUrl);
  if (!doc) {
    doc = buildOpenApiDocument(baseUrl);
    cache.set(baseUrl, doc);
  }
  return doc;
}

// ---------------------------------------------------------------------------------------
// The console's reading of the document (app/routes/_app.docs.api.tsx): plain rows, read
// from the document itself, so the page can't say anything the document doesn't.
// ---------------------------------------------------------------------------------------

export interface ReferenceField {
  /** The full path, e.g. `fieldLocks.<key>.locked`. */
  name: string;
  /** What to show under its parent row, e.g. `<key>.locked`. */
  label: string;
  depth: number;
  type: string;
  required: boolean;
  description: string | null;
  constraints: string[];
}

export interface ReferenceParameter extends ReferenceField {
  in: string;
}

export interface ReferenceEndpoint {
  anchor: string;
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  auth: { kind: Auth; label: string };
  parameters: ReferenceParameter[];
  body: { fields: ReferenceField[]; notes: string[] } | null;
  curl: string;
  success: { status: string; description: string; schema: string | null; example: string | null };
  errors: { status: string; codes: { code: string; description: string }[] }[];
}

export interface ApiReference {
  title: string;
  version: string;
  openapi: string;
  baseUrl: string;
  tags: { name: string; description: string; endpoints: ReferenceEndpoint[] }[];
  objects: { name: string; anchor: string; description: string | null; fields: ReferenceField[] }[];
}

const AUTH_LABELS: Record<Auth, string> = {
  secret: "Secret key",
  key: "Publishable or secret key",
  clientSecret: "Publishable key + clientSecret",
  none: "No key",
};

const KEY_PLACEHOLDERS: Record<Auth, string | null> = {
  secret: "sk_test_YOUR_SECRET_KEY",
  key: "pk_test_YOUR_PUBLISHABLE_KEY",
  clientSecret: "pk_test_YOUR_PUBLISHABLE_KEY",
  none: null,
};

function authOf(security: Record<string, string[]>[]): Auth {
  const json = JSON.stringify(security);
  const found = (Object.keys(SECURITY) as Auth[]).find((auth) => JSON.stringify(SECURITY[auth]) === json && auth !== "clientSecret");
  return found ?? "secret";
}

type Schemas = Record<string, JsonSchema>;

function resolve(schema: JsonSchema, schemas: Schemas): JsonSchema {
  const target = typeof schema.$ref === "string" ? schemas[schema.$ref.replace("#/components/schemas/", "")] : undefined;
  return target ? resolve(target, schemas) : schema;
}

function refName(schema: JsonSchema): string | null {
  return typeof schema.$ref === "string" ? schema.$ref.replace("#/components/schemas/", "") : null;
}

export function typeLabel(schema: JsonSchema, schemas: Schemas): string {
  const name = refName(schema);
  if (name) return name;
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map((s) => typeLabel(s, schemas)).join(" | ");
  if (Array.isArray(schema.type)) return (schema.type as string[]).join(" | ");
  if (schema.type === "array") return `${typeLabel((schema.items ?? {}) as JsonSchema, schemas)}[]`;
  if (schema.type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object" && !schema.properties) {
    const value = schema.additionalProperties as JsonSchema;
    return Object.keys(value).length ? `map of ${typeLabel(value, schemas)}` : "object";
  }
  if (typeof schema.type === "string") return schema.type;
  return Object.keys(schema).length ? "object" : "any";
}

export function constraintsOf(schema: JsonSchema): string[] {
  const out: string[] = [];
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum)) out.push(`one of: ${(s.enum as unknown[]).join(", ")}`);
  if (typeof s.minLength === "number" && typeof s.maxLength === "number") out.push(`${s.minLength}–${s.maxLength} characters`);
  else if (typeof s.minLength === "number") out.push(`at least ${s.minLength} character${s.minLength === 1 ? "" : "s"}`);
  else if (typeof s.maxLength === "number") out.push(`at most ${s.maxLength} characters`);
  // zod writes the safe-integer bounds into every .int(): they say nothing to a reader.
  const minimum = typeof s.minimum === "number" && s.minimum > Number.MIN_SAFE_INTEGER ? s.minimum : undefined;
  const maximum = typeof s.maximum === "number" && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  if (minimum !== undefined && maximum !== undefined) out.push(`${minimum}–${maximum}`);
  else if (minimum !== undefined) out.push(`≥ ${minimum}`);
  else if (maximum !== undefined) out.push(`≤ ${maximum}`);
  if (typeof s.maxProperties === "number") out.push(`at most ${s.maxProperties} keys`);
  if (typeof s.format === "string") out.push(`format: ${s.format}`);
  // A format's own pattern (email, uuid) says nothing the format doesn't.
  if (typeof s.pattern === "string" && typeof s.format !== "string") out.push(`pattern: ${s.pattern}`);
  if (s.default !== undefined) out.push(`default: ${JSON.stringify(s.default)}`);
  const keys = s.propertyNames as JsonSchema | undefined;
  if (keys && Array.isArray(keys.enum)) out.push(`keys: ${(keys.enum as unknown[]).join(", ")}`);
  return out;
}

/** An object schema's fields as rows, nested objects as `parent.child` (maps as `parent.<key>.child`). */
export function fieldRows(schema: JsonSchema, schemas: Schemas, prefix = "", depth = 0, labelPrefix = ""): ReferenceField[] {
  const object = resolve(schema, schemas);
  if (Array.isArray(object.allOf)) {
    // A later part narrows an earlier one's field (List's data → SessionList's Session[]): keep the later row.
    const rows = (object.allOf as JsonSchema[]).flatMap((part) => fieldRows(part, schemas, prefix, depth, labelPrefix));
    return rows.filter((row, i) => !rows.slice(i + 1).some((later) => later.name === row.name));
  }
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  const rows: ReferenceField[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    const property = raw;
    const full = `${prefix}${name}`;
    // A nullable nested object reads as its object part.
    const inner = Array.isArray(property.anyOf) ? ((property.anyOf as JsonSchema[]).find((s) => s.type === "object" || s.$ref) ?? property) : property;
    const target = resolve(inner, schemas);
    rows.push({
      name: full,
      label: `${labelPrefix}${name}`,
      depth,
      type: typeLabel(property, schemas),
      required: required.has(name),
      description: typeof property.description === "string" ? property.description : typeof target.description === "string" && !refName(inner) ? target.description : null,
      constraints: constraintsOf(property),
    });
    if (depth >= 3 || refName(inner)) continue;
    if (target.type === "object" && target.properties) rows.push(...fieldRows(target, schemas, `${full}.`, depth + 1));
    const map = target.additionalProperties as JsonSchema | undefined;
    if (map && typeof map === "object" && map.type === "object" && map.properties) rows.push(...fieldRows(map, schemas, `${full}.<key>.`, depth + 1, "<key>."));
    const items = target.type === "array" ? (target.items as JsonSchema | undefined) : undefined;
    if (items && !refName(items) && items.type === "object" && items.properties) rows.push(...fieldRows(items, schemas, `${full}[].`, depth + 1));
  }
  return rows;
}

function shellQuote(value: string) {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

export function curlExample(
  baseUrl: string,
  method: string,
  path: string,
  auth: Auth,
  parameters: { name: string; in: string; example?: unknown; required: boolean }[],
  body: unknown,
  idempotent: boolean,
): string {
  let url = `${baseUrl}${path}`;
  for (const p of parameters) if (p.in === "path") url = url.replace(`{${p.name}}`, String(p.example ?? `YOUR_${p.name.toUpperCase()}`));
  const query = parameters.filter((p) => p.in === "query" && p.example !== undefined);
  const lines = [method === "get" ? (query.length ? `curl -G ${url}` : `curl ${url}`) : `curl -X ${method.toUpperCase()} ${url}`];
  const key = KEY_PLACEHOLDERS[auth];
  if (key) lines.push(`-H "Authorization: Bearer ${key}"`);
  for (const p of query) lines.push(`-d ${p.name}=${String(p.example)}`);
  if (body !== undefined) {
    lines.push(`-H "Content-Type: application/json"`);
    if (idempotent) lines.push(`-H "Idempotency-Key: $(uuidgen)"`);
    lines.push(`-d ${shellQuote(JSON.stringify(body, null, 2))}`);
  } else if (idempotent) {
    lines.push(`-H "Idempotency-Key: $(uuidgen)"`);
  }
  return lines.join(" \\\n  ");
}

/** The page's view of the document: endpoints by tag, and the main objects. */
export function apiReference(doc: OpenApiDocument): ApiReference {
  const schemas = doc.components.schemas;
  const parameterRefs = doc.components.parameters as Record<string, Parameter>;
  const baseUrl = doc.servers[0]!.url;
  const endpoints: (ReferenceEndpoint & { tag: string })[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = (op.parameters ?? []).map((p) => {
        const ref = (p as { $ref?: string }).$ref;
        return ref ? parameterRefs[ref.replace("#/components/parameters/", "")]! : (p as Parameter);
      });
      const requestBody = (op as { requestBody?: { content: Record<string, { schema: JsonSchema; example?: unknown }> } }).requestBody?.content["application/json"];
      const bodySchema = requestBody ? resolve(requestBody.schema, schemas) : null;
      const bodyFields = bodySchema ? fieldRows(bodySchema, schemas) : null;
      let auth = authOf(op.security);
      if (auth === "key" && bodyFields?.some((f) => f.name === "clientSecret" && f.required)) auth = "clientSecret";
      const notes: string[] = [];
      if (bodySchema && Array.isArray(bodySchema.anyOf)) {
        const alternatives = (bodySchema.anyOf as { required?: string[] }[]).map((a) => (a.required ?? []).join(" and "));
        notes.push(`At least one of ${alternatives.join(" or ")} is required.`);
      }
      if (bodySchema?.additionalProperties === false) notes.push("Unknown fields are refused.");
      const [successStatus, successResponse] = Object.entries(op.responses).find(([status]) => status.startsWith("2"))! as [
        string,
        { description: string; content: Record<string, { schema: JsonSchema; example?: unknown }> },
      ];
      const successContent = successResponse.content["application/json"]!;
      const errors = Object.entries(op.responses)
        .filter(([status]) => !status.startsWith("2"))
        .map(([status, response]) => {
          const schema = (response as { content: Record<string, { schema: { allOf: JsonSchema[] } }> }).content["application/json"]!.schema;
          const codes = ((schema.allOf[1] as { properties: { error: { properties: { code: { enum: ErrorCode[] } } } } }).properties.error.properties.code.enum ?? []) as ErrorCode[];
          return { status, codes: codes.map((code) => ({ code, description: ERROR_CODE_DESCRIPTIONS[code] })) };
        });
      endpoints.push({
        tag: op.tags[0]!,
        anchor: op.operationId.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        description: op.description.split("\n\nAuth:")[0]!,
        auth: { kind: auth, label: AUTH_LABELS[auth] },
        parameters: parameters.map((p) => ({
          name: p.name,
          label: p.name,
          depth: 0,
          in: p.in,
          type: typeLabel(p.schema, schemas),
          required: p.required,
          description: p.description || null,
          constraints: constraintsOf(p.schema),
        })),
        body: bodyFields ? { fields: bodyFields, notes } : null,
        curl: curlExample(baseUrl, method, path, auth, parameters, requestBody?.example, parameters.some((p) => p.name === "Idempotency-Key")),
        success: {
          status: successStatus,
          description: successResponse.description,
          schema: refName(successContent.schema),
          example: successContent.example === undefined ? null : JSON.stringify(successContent.example, null, 2),
        },
        errors,
      });
    }
  }
  // Every response shape an endpoint links to, then the envelopes.
  const linked = new Set([...endpoints.map((e) => e.success.schema), "List", "Error"]);
  const objectNames = Object.keys(schemas).filter((name) => linked.has(name));
  const objects = objectNames.map((name) => {
    const schema = schemas[name]!;
    return { name, anchor: `object-${name.toLowerCase()}`, description: typeof schema.description === "string" ? schema.description : null, fields: fieldRows(schema, schemas) };
  });
  return {
    title: doc.info.title,
    version: doc.info.version,
    openapi: doc.openapi,
    baseUrl,
    tags: doc.tags.map((tag) => ({
      name: tag.name,
      description: tag.description,
      endpoints: endpoints.filter((e) => e.tag === tag.name).map(({ tag: _tag, ...endpoint }) => endpoint),
    })),
    objects,
  };
}
