/** The catalogue is hand-written data: these checks catch a typo before a quote or a page does. */
import { describe, expect, it } from "vitest";
import {
  COUNTRIES,
  CRYPTO_CURRENCIES,
  FIAT_CURRENCIES,
  FIAT_USD_RATE,
  GATEWAY_IDS,
  GATEWAYS,
  NETWORKS,
  PAYMENT_METHODS,
  cryptoRoute,
  fiatLimit,
  gatewayById,
  gatewayFees,
  gatewaySupports,
  paymentMethodsFor,
  unsupportedReason,
} from "./catalogue";

const networkIds = new Set<string>(NETWORKS.map((n) => n.id));
const fiatCodes = new Set<string>(FIAT_CURRENCIES.map((f) => f.code));
const paymentMethodIds = new Set<string>(PAYMENT_METHODS.map((m) => m.id));

function unique<T>(values: readonly T[]) {
  return new Set(values).size === values.length;
}

describe("catalogue consistency", () => {
  it("has unique ids and codes everywhere", () => {
    expect(unique(GATEWAYS.map((g) => g.id))).toBe(true);
    expect(GATEWAYS.map((g) => g.id)).toEqual([...GATEWAY_IDS]);
    expect(unique(NETWORKS.map((n) => n.id))).toBe(true);
    expect(unique(FIAT_CURRENCIES.map((f) => f.code))).toBe(true);
    expect(unique(CRYPTO_CURRENCIES.map((c) => c.code))).toBe(true);
    expect(unique(PAYMENT_METHODS.map((m) => m.id))).toBe(true);
    for (const g of GATEWAYS) {
      expect(unique(g.fiats.map((f) => f.code)), `${g.id} fiats`).toBe(true);
      expect(unique(g.cryptos.map((c) => `${c.crypto}/${c.network}`)), `${g.id} cryptos`).toBe(true);
      expect(unique(g.countries), `${g.id} countries`).toBe(true);
      expect(unique(g.paymentMethods), `${g.id} payment methods`).toBe(true);
    }
  });

  it("references only networks, fiats, countries and payment methods that exist", () => {
    for (const c of CRYPTO_CURRENCIES) for (const n of c.networks) expect(networkIds.has(n), `${c.code} on ${n}`).toBe(true);
    for (const m of PAYMENT_METHODS) for (const f of "fiats" in m ? m.fiats : []) expect(fiatCodes.has(f), `${m.id} ${f}`).toBe(true);
    for (const f of FIAT_CURRENCIES) expect(FIAT_USD_RATE[f.code], `rate for ${f.code}`).toBeGreaterThan(0);
    for (const g of GATEWAYS) {
      for (const f of g.fiats) expect(fiatCodes.has(f.code), `${g.id} fiat ${f.code}`).toBe(true);
      for (const route of g.cryptos) {
        const crypto = CRYPTO_CURRENCIES.find((c) => c.code === route.crypto);
        expect(crypto, `${g.id} crypto ${route.crypto}`).toBeDefined();
        // The pair must be one the asset actually lives on, not only a known network.
        expect((crypto!.networks as readonly string[]).includes(route.network), `${g.id} ${route.crypto} on ${route.network}`).toBe(true);
      }
      for (const country of g.countries) {
        expect(country).toMatch(/^[A-Z]{2}$/);
        expect(Object.hasOwn(COUNTRIES, country), `${g.id} country ${country} has a name`).toBe(true);
      }
      for (const m of g.paymentMethods) expect(paymentMethodIds.has(m), `${g.id} method ${m}`).toBe(true);
      for (const code of Object.keys(g.fixedFee)) expect(fiatCodes.has(code), `${g.id} fixed fee ${code}`).toBe(true);
      for (const n of Object.keys(g.networkFeeUsd)) expect(networkIds.has(n), `${g.id} network fee ${n}`).toBe(true);
    }
  });

  it("has sane limits and fees", () => {
    for (const g of GATEWAYS) {
      expect(g.fiats.length, `${g.id} takes some fiat`).toBeGreaterThan(0);
      expect(g.cryptos.length, `${g.id} delivers something`).toBeGreaterThan(0);
      expect(g.countries.length, `${g.id} serves somewhere`).toBeGreaterThan(0);
      for (const f of g.fiats) {
        expect(f.min, `${g.id} ${f.code}`).toBeGreaterThan(0);
        expect(f.min, `${g.id} ${f.code}`).toBeLessThan(f.max);
      }
      for (const c of g.cryptos) {
        expect(c.min, `${g.id} ${c.crypto}/${c.network}`).toBeGreaterThan(0);
        expect(c.min, `${g.id} ${c.crypto}/${c.network}`).toBeLessThan(c.max);
        // Every network a gateway delivers on has a network fee, so quotes never silently get 0.
        expect(g.networkFeeUsd[c.network], `${g.id} network fee on ${c.network}`).toBeGreaterThan(0);
      }
      expect(g.feePercent).toBeGreaterThanOrEqual(0);
      expect(g.feePercent).toBeLessThan(10);
      expect(g.spreadPercent).toBeGreaterThanOrEqual(0);
      expect(g.deliveryMinutes.min).toBeGreaterThan(0);
      expect(g.deliveryMinutes.min).toBeLessThanOrEqual(g.deliveryMinutes.max);
      // A gateway that shows its checkout in a frame must allow framing.
      if (g.checkoutMethod === "iframe") expect(g.features.supportsIframe, g.id).toBe(true);
      // Each fiat can be paid with at least one of the gateway's methods.
      for (const f of g.fiats) expect(paymentMethodsFor(g, f.code).length, `${g.id} pays ${f.code}`).toBeGreaterThan(0);
    }
  });

  it("serves every crypto/network pair and every fiat through at least one gateway", () => {
    for (const c of CRYPTO_CURRENCIES) {
      for (const network of c.networks) {
        expect(
          GATEWAYS.some((g) => cryptoRoute(g, c.code, network)),
          `${c.code} on ${network}`,
        ).toBe(true);
      }
    }
    for (const f of FIAT_CURRENCIES)
      expect(
        GATEWAYS.some((g) => fiatLimit(g, f.code)),
        f.code,
      ).toBe(true);
    for (const m of PAYMENT_METHODS)
      expect(
        GATEWAYS.some((g) => g.paymentMethods.includes(m.id)),
        m.id,
      ).toBe(true);
  });

  it("keeps the documented example limits (USD 30–15000, ETH on ethereum 0.001–100) on one gateway", () => {
    expect(GATEWAYS.some((g) => fiatLimit(g, "USD")?.min === 30 && fiatLimit(g, "USD")?.max === 15000)).toBe(true);
    expect(GATEWAYS.some((g) => cryptoRoute(g, "ETH", "ethereum")?.min === 0.001 && cryptoRoute(g, "ETH", "ethereum")?.max === 100)).toBe(true);
  });

  it("makes the gateways differ where it matters for routing", () => {
    expect(GATEWAYS.some((g) => !g.countries.includes("US"))).toBe(true);
    expect(GATEWAYS.some((g) => !g.countries.includes("GB"))).toBe(true);
    expect(new Set(GATEWAYS.map((g) => g.checkoutMethod)).size).toBeGreaterThan(1);
    expect(new Set(GATEWAYS.map((g) => g.feePercent)).size).toBe(GATEWAYS.length);
  });
});

describe("helpers", () => {
  const moonpay = gatewayById("moonpay")!;
  const transak = gatewayById("transak")!;
  const mercuryo = gatewayById("mercuryo")!;

  it("finds gateways by id", () => {
    expect(moonpay.name).toBe("MoonPay");
    expect(gatewayById("nope")).toBeUndefined();
  });

  it("checks support field by field, with a reason", () => {
    const ok = { fiat: "USD", crypto: "ETH", network: "ethereum", country: "US", paymentMethod: "apple-pay" };
    expect(gatewaySupports(moonpay, ok)).toBe(true);
    expect(unsupportedReason(transak, ok)).toBe("Transak isn't available in United States.");
    expect(gatewaySupports(mercuryo, { country: "GB" })).toBe(false);
    expect(gatewaySupports(mercuryo, { country: "gb" })).toBe(false);
    expect(unsupportedReason(mercuryo, { fiat: "GBP" })).toBe("Mercuryo doesn't accept GBP.");
    expect(unsupportedReason(mercuryo, { orderType: "sell" })).toBe("Mercuryo doesn't support selling crypto.");
    expect(unsupportedReason(moonpay, { fiat: "USD", fiatAmount: 20 })).toBe("MoonPay accepts 30–15000 USD per order.");
    expect(gatewaySupports(moonpay, { fiat: "USD", fiatAmount: 30 })).toBe(true);
    expect(unsupportedReason(moonpay, { fiat: "USD", paymentMethod: "sepa" })).toBe("SEPA bank transfer can't be used to pay in USD.");
    expect(unsupportedReason(transak, { crypto: "BTC", network: "bitcoin" })).toBe("Transak doesn't deliver BTC on Bitcoin.");
    expect(gatewaySupports(transak, { crypto: "USDC" })).toBe(true);
    expect(gatewaySupports(moonpay, {})).toBe(true);
  });

  it("computes fees in the order's fiat", () => {
    expect(gatewayFees(moonpay, { fiat: "USD", fiatAmount: 100, network: "ethereum" })).toEqual({
      gatewayFee: 5.49,
      networkFee: 3.9,
      totalFee: 9.39,
    });
    // Network fees are priced in USD and converted: 1.2 USD = 1.11 EUR.
    expect(gatewayFees(mercuryo, { fiat: "EUR", fiatAmount: 200, network: "ethereum" })).toEqual({
      gatewayFee: 5.9,
      networkFee: 1.11,
      totalFee: 7.01,
    });
  });
});
