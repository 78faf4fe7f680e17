/**
 * The public quote endpoints' shapes in the OpenAPI document: the Quotes and Supported
 * answers (the tests hold them to real answers), the query parameters' docs, and examples.
 */
import { z } from "zod";
import { caseInsensitive, cryptoDoc, dateTime, decimal, EXAMPLE_IDS as EX, fiatDoc, networkDoc, type FieldDocs } from "~/api/openapi/schema";
import { apiObject } from "~/api/openapi/operation";
import { GATEWAY_IDS, PAYMENT_METHODS, PAYOUT_METHODS } from "~/gateways/catalogue";

const gatewaySummarySchema = z.object({ id: z.enum(GATEWAY_IDS), name: z.string(), logo: z.string().nullable() });

const gatewayExample = { id: "moonpay", name: "MoonPay", logo: null };

export const quotesObject = apiObject(
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
        .array(
          z.object({
            gateway: gatewaySummarySchema,
            code: z.string().describe("Why, for programs (e.g. AMOUNT_TOO_LOW)."),
            reason: z.string().describe("Why, for people."),
          }),
        )
        .describe("Gateways that can't quote this request, and why."),
      fiatCurrency: z.string(),
      cryptoCurrency: z.string(),
      network: z.string(),
      fiatAmount: z.string(),
      livemode: z.boolean(),
    }),
  }),
  {
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
);

const minMax = { minAmount: z.number(), maxAmount: z.number() };
export const supportedObject = apiObject(
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
  {
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
);

export const QUOTE_OBJECTS = [quotesObject, supportedObject];

export const quoteQueryDocs: FieldDocs = {
  projectId: { description: "Your project's UUID.", example: EX.projectId },
  fiatCurrency: { ...fiatDoc("Fiat currency to pay in."), example: "USD" },
  cryptoCurrency: { ...cryptoDoc("Crypto currency to buy."), example: "ETH" },
  network: { ...networkDoc("Network to deliver on; it must carry cryptoCurrency."), example: "ethereum" },
  fiatAmount: { description: 'Buy (required): amount to pay, a decimal string with at most 2 decimals, e.g. "100".', example: "100" },
  cryptoAmount: { description: 'Sell (required): the exact crypto amount to sell, a decimal string with at most 8 decimals, e.g. "0.5".' },
  payoutMethod: { description: `Sell: only gateways paying out this way. ${caseInsensitive}`, enum: PAYOUT_METHODS.map((m) => m.id) },
  country: { description: "The buyer's ISO 3166-1 alpha-2 country: gateways that don't serve it are listed as unavailable." },
  paymentMethod: { description: `Only gateways offering this payment method. ${caseInsensitive}`, enum: PAYMENT_METHODS.map((m) => m.id) },
  orderType: { description: "buy (default): quotes for buying crypto with fiat. sell: quotes for selling crypto for a fiat payout." },
};

export const supportedQueryDocs: FieldDocs = {
  projectId: { description: "Your project's UUID.", example: EX.projectId },
  orderType: { description: "Only gateways that support buying or selling." },
  country: { description: "Only what gateways serving this ISO 3166-1 alpha-2 country offer." },
};
