/**
 * The order endpoints' shapes in the OpenAPI document: the Order objects the API answers
 * (after serialize.ts; the tests hold them to real answers), the public checkout-intent and
 * transaction answers, the request bodies' field docs, and the examples (docs/api-contract.md's values).
 */
import { z } from "zod";
import { amountDoc, cryptoDoc, dateTime, decimal, EXAMPLE_IDS as EX, fiatDoc, networkDoc, type FieldDoc, type FieldDocs } from "~/api/openapi/schema";
import { apiObject, listEnvelopeObject, type RequestBody } from "~/api/openapi/operation";
import { schema as dbSchema } from "~/lib/db.server";
import { metadataLimits } from "~/sessions/openapi.server";
import { METADATA_LIMITS } from "~/sessions/schemas";
import { checkoutIntentSchema, refundOrderSchema, sessionOrderSchema } from "./schemas";

const checkoutSchema = z
  .object({
    method: z
      .enum(["redirect", "iframe", "widget"])
      .nullable()
      .describe("redirect: navigate to url; iframe: load url in an <iframe>; widget: the gateway's script."),
    url: z.string().nullable().describe("The gateway's payment page."),
    expiresAt: z.number().int().min(0).describe("Seconds the checkout URL stays valid from now."),
    expiresAtTime: dateTime("The moment the checkout URL stops working.").nullable(),
  })
  .describe("How the customer pays.");

/** A sell's (off-ramp) extra fields: present on sell orders only (docs/api-contract.md#sell-orders). */
const sellShape = {
  refundAddress: z.string().nullable().optional().describe("Sells: where the gateway returns the crypto if the sale fails."),
  deposit: z
    .object({
      network: z.string(),
      address: z.string().nullable().describe("The gateway's deposit address; null until the gateway gives it."),
      currency: z.string(),
      amount: decimal("The exact crypto amount to send."),
      expiresAt: dateTime("The deposit must arrive by then, or the order expires.").nullable(),
    })
    .optional()
    .describe("Sells: where and how much crypto to send, and by when."),
  payout: z
    .object({ method: z.string().nullable(), currency: z.string(), amount: decimal("Fiat paid out, net of fees.").nullable() })
    .optional()
    .describe("Sells: what the customer is paid, and how."),
};

const transactionRefSchema = z.object({
  id: z.string().describe("The transaction's id (`txn_…`)."),
  hash: z.string().nullable().describe("On-chain transaction hash."),
});

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

export const orderObject = apiObject(
  "Order",
  z
    .object({
      type: z.literal("order"),
      id: z.string(),
      attributes: z.object({
        orderId: z.string().describe("The order's id (`ord_…`)."),
        type: z.enum(["buy", "sell"]),
        status: z.enum(dbSchema.ORDER_STATUSES),
        sessionId: z.string().nullable().describe("The session it was created from; null for a checkout-intent."),
        gateway: z.string().describe("The gateway's id."),
        source: z.object({ currency: z.string(), amount: decimal("Buy: fiat amount paid. Sell: crypto amount sold.") }),
        destination: z.object({
          currency: z.string(),
          amount: decimal("Buy: crypto delivered (net of fees). Sell: fiat paid out (net of fees).").nullable(),
          address: z.string().nullable().describe("Buy: the wallet; null for a sell."),
        }),
        network: z.string(),
        rate: decimal("Buy: crypto per unit of fiat at quote time. Sell: fiat per unit of crypto.").nullable(),
        fees: z.object({
          gateway: decimal("Gateway fee, in the order's fiat.").nullable(),
          network: decimal("Network fee, in the order's fiat (0 for a sell: the customer pays it when sending).").nullable(),
          currency: z.string(),
        }),
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
        ...sellShape,
      }),
    })
    .describe("An order: one per session, or from a checkout-intent."),
  orderExample,
);

export const createdOrderObject = apiObject(
  "CreatedOrder",
  z
    .object({
      type: z.literal("order"),
      id: z.string(),
      attributes: z.object({
        orderId: z.string(),
        status: z.enum(dbSchema.ORDER_STATUSES),
        sessionId: z.string().nullable(),
        checkout: checkoutSchema,
        type: z.literal("sell").optional().describe("Present for a sell, with its deposit instructions."),
        ...sellShape,
      }),
    })
    .describe("The answer to a new order: open checkout.url in the customer's browser (a sell: show the deposit instructions too)."),
  { type: "order", id: EX.orderId, attributes: { orderId: EX.orderId, status: "created", sessionId: EX.sessionId, checkout: checkoutExample } },
);

export const orderListObject = apiObject("OrderList", z.intersection(listEnvelopeObject.schema, z.object({ data: z.array(orderObject.schema) })), {
  object: "list",
  url: "/v1/orders",
  has_more: true,
  data: [orderExample],
});

export const checkoutIntentObject = apiObject(
  "CheckoutIntent",
  z.object({
    success: z.literal(true),
    data: z.object({
      orderId: z.string(),
      status: z.enum(dbSchema.ORDER_STATUSES),
      gateway: z.string(),
      checkout: checkoutSchema,
      type: z.literal("sell").optional(),
      ...sellShape,
      livemode: z.boolean(),
    }),
  }),
  { success: true, data: { orderId: EX.orderId, status: "created", gateway: "banxa", checkout: checkoutExample, livemode: false } },
);

export const transactionObject = apiObject(
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
  {
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
);

export const ORDER_OBJECTS = [orderObject, createdOrderObject, orderListObject, checkoutIntentObject, transactionObject];

export const ORDER_EXAMPLES = {
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
};

const orderFieldNote = "Required when the session does not set it; must equal the session's value when that field is locked.";
const paymentMethodDoc: FieldDoc = { description: `A payment method the gateway offers for the fiat, e.g. debit-credit-card (see /supported).` };
const payoutMethodDoc: FieldDoc = { description: "Sells: how the customer is paid out, e.g. sepa or card-payout (see /supported?orderType=sell)." };
const sessionOrderDocs: FieldDocs = {
  clientSecret: { description: "The session's clientSecret." },
  gateway: { description: "The gateway the customer chose (a quote's gateway.id); it must be enabled for the project in this mode." },
  fiatAmount: amountDoc(`Fiat amount. ${orderFieldNote}`),
  fiatCurrency: fiatDoc(`Fiat currency. ${orderFieldNote}`),
  cryptoCurrency: cryptoDoc(`Crypto currency. ${orderFieldNote}`),
  network: networkDoc(`Network. ${orderFieldNote}`),
  walletAddress: { description: `Wallet address, valid for the network. ${orderFieldNote}` },
  email: { description: "The customer's email, passed to the gateway." },
  paymentMethod: paymentMethodDoc,
  cryptoAmount: { description: `Sell sessions: the crypto amount sold, a decimal string within the crypto's decimals. ${orderFieldNote}` },
  refundAddress: { description: `Sell sessions: where the gateway returns the crypto if the sale fails, valid for the network. ${orderFieldNote}` },
  payoutMethod: payoutMethodDoc,
};

const checkoutIntentDocs: FieldDocs = {
  projectId: { description: "Your project's UUID." },
  orderType: {
    description: '"buy" (default) or "sell". A sell takes cryptoAmount, refundAddress and payoutMethod instead of fiatAmount, walletAddress and paymentMethod.',
  },
  gateway: sessionOrderDocs.gateway!,
  fiatCurrency: fiatDoc("Fiat currency (paid for a buy, paid out for a sell)."),
  fiatAmount: amountDoc("Buys (required): fiat amount."),
  cryptoAmount: { description: "Sells (required): the exact crypto amount sold, a decimal string within the crypto's decimals." },
  refundAddress: { description: "Sells (required): where the gateway returns the crypto if the sale fails, valid for the network." },
  payoutMethod: payoutMethodDoc,
  cryptoCurrency: cryptoDoc("Crypto currency."),
  network: networkDoc("Network; it must carry cryptoCurrency."),
  walletAddress: { description: "Buys (required): wallet address, valid for the network." },
  email: sessionOrderDocs.email!,
  paymentMethod: paymentMethodDoc,
  externalCustomerId: { description: "Your user's id; creates or reuses a customer." },
  redirectUrl: { description: "Absolute URL the customer returns to after payment." },
  partnerMetadata: { description: `Your data, kept under order.metadata.partnerMetadata. ${metadataLimits}`, maxProperties: METADATA_LIMITS.maxKeys },
};

export const sessionOrderBody: RequestBody = { name: "CreateSessionOrderRequest", schema: sessionOrderSchema, docs: sessionOrderDocs };
export const checkoutIntentBody: RequestBody = { name: "CheckoutIntentRequest", schema: checkoutIntentSchema, docs: checkoutIntentDocs };
export const refundOrderBody: RequestBody = {
  name: "RefundOrderRequest",
  schema: refundOrderSchema,
  docs: {
    reason: { description: "Why you refund it, for your records (up to 500 characters); shown in the console and kept as the order's refundReason." },
  },
};
