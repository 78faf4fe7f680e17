/**
 * What a project's checkout can offer, for `GET /public/v1/onramp/supported`: the
 * currencies, networks and payment methods of the gateways it has enabled in a mode,
 * narrowed to those serving an order type and a buyer's country. Limits are the widest
 * any of those gateways allows (each quote then shows its own gateway's limits).
 */
import type { Mode } from "~db/schema/types";
import {
  CRYPTO_CURRENCIES,
  FIAT_CURRENCIES,
  GATEWAYS,
  PAYMENT_METHODS,
  PAYOUT_METHODS,
  cryptoRoute,
  fiatLimit,
  gatewaySupports,
  networkById,
  paymentMethodsFor,
  payoutMethodsFor,
  sellFiatLimit,
  sellRoute,
  unsupportedSellReason,
  type CryptoCode,
  type FiatCode,
  type Gateway,
  type GatewayFeatures,
  type GatewayId,
  type NetworkId,
  type PaymentMethodId,
  type PayoutMethodId,
} from "~/gateways/catalogue";
import { listEnabledGateways } from "~/gateways/settings.server";
import type { Executor } from "~/lib/db.server";

export interface SupportedRequest {
  projectId: string;
  mode: Mode;
  orderType?: "buy" | "sell";
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
}

export interface SupportedGateway {
  id: GatewayId;
  name: string;
  logo: string | null;
  /** Enabled for the project in this mode; disabled gateways are listed so a partner sees what they could add. */
  enabled: boolean;
  features: GatewayFeatures;
}

export interface SupportedFiat {
  code: FiatCode;
  name: string;
  symbol: string;
  /** Buy: what a customer may pay; sell: what a gateway pays out. */
  minAmount: number;
  maxAmount: number;
  /** Buy: payment methods; sell: payout methods. */
  paymentMethods: (PaymentMethodId | PayoutMethodId)[];
}

export interface SupportedNetwork {
  id: NetworkId;
  name: string;
  minAmount: number;
  maxAmount: number;
  /** The crypto's usual network: the first one the catalogue lists for it that is offered here. */
  isDefault: boolean;
}

export interface SupportedCrypto {
  code: CryptoCode;
  name: string;
  networks: SupportedNetwork[];
}

export interface SupportedPaymentMethod {
  id: PaymentMethodId | PayoutMethodId;
  name: string;
  supportedFiats: FiatCode[];
}

export interface Supported {
  /** Catalogue gateways serving the filters: enabled ones in priority order, then the others. */
  gateways: SupportedGateway[];
  fiats: SupportedFiat[];
  cryptos: SupportedCrypto[];
  paymentMethods: SupportedPaymentMethod[];
  /** The enabled gateway tried first for these filters, or null when none serves them. */
  defaultGateway: GatewayId | null;
}

function widest(limits: { min: number; max: number }[]) {
  return { minAmount: Math.min(...limits.map((l) => l.min)), maxAmount: Math.max(...limits.map((l) => l.max)) };
}

type MethodId = PaymentMethodId | PayoutMethodId;

/**
 * How one order type reads the catalogue: a buy takes fiat in and delivers crypto by payment method; a
 * sell (off-ramp) buys crypto back and pays fiat out by payout method (its `paymentMethods` are payout methods).
 */
function sideOf(request: SupportedRequest) {
  if (request.orderType === "sell") {
    return {
      serves: (g: Gateway) => unsupportedSellReason(g, request.country ? { country: request.country } : {}) === null,
      fiatLimit: sellFiatLimit,
      route: sellRoute,
      methodsFor: payoutMethodsFor as (g: Gateway, fiat: string) => MethodId[],
      methods: PAYOUT_METHODS as readonly { id: MethodId; name: string }[],
    };
  }
  const filters = { orderType: request.orderType, country: request.country };
  return {
    serves: (g: Gateway) => gatewaySupports(g, filters),
    fiatLimit,
    route: cryptoRoute,
    methodsFor: paymentMethodsFor as (g: Gateway, fiat: string) => MethodId[],
    methods: PAYMENT_METHODS as readonly { id: MethodId; name: string }[],
  };
}

export async function getSupported(db: Executor, request: SupportedRequest): Promise<Supported> {
  const side = sideOf(request);
  const serves = side.serves;
  const enabledInOrder = await listEnabledGateways(db, request.projectId, request.mode);
  const enabledIds = new Set(enabledInOrder.map((g) => g.id));
  const active = enabledInOrder.filter(serves);

  const gateways: SupportedGateway[] = [...active, ...GATEWAYS.filter((g) => !enabledIds.has(g.id) && serves(g))].map((g) => ({
    id: g.id,
    name: g.name,
    logo: null,
    enabled: enabledIds.has(g.id),
    features: { ...g.features },
  }));

  const fiats: SupportedFiat[] = [];
  for (const fiat of FIAT_CURRENCIES) {
    const takers = active.filter((g) => side.fiatLimit(g, fiat.code));
    if (!takers.length) continue;
    const methods = new Set(takers.flatMap((g) => side.methodsFor(g, fiat.code)));
    fiats.push({
      code: fiat.code,
      name: fiat.name,
      symbol: fiat.symbol,
      ...widest(takers.map((g) => side.fiatLimit(g, fiat.code)!)),
      paymentMethods: side.methods.map((m) => m.id).filter((id) => methods.has(id)),
    });
  }

  const cryptos: SupportedCrypto[] = [];
  for (const crypto of CRYPTO_CURRENCIES) {
    const networks: SupportedNetwork[] = [];
    for (const networkId of crypto.networks) {
      const routes = active.map((g) => side.route(g, crypto.code, networkId)).filter((r) => r !== undefined);
      if (!routes.length) continue;
      networks.push({ id: networkId, name: networkById(networkId)!.name, ...widest(routes), isDefault: networks.length === 0 });
    }
    if (networks.length) cryptos.push({ code: crypto.code, name: crypto.name, networks });
  }

  const paymentMethods: SupportedPaymentMethod[] = [];
  for (const method of side.methods) {
    const supportedFiats = fiats.filter((f) => f.paymentMethods.includes(method.id)).map((f) => f.code);
    if (supportedFiats.length) paymentMethods.push({ id: method.id, name: method.name, supportedFiats });
  }

  return { gateways, fiats, cryptos, paymentMethods, defaultGateway: active[0]?.id ?? null };
}

/**
 * The hosted checkout's pickers for one side of a project in a mode: the currencies and (payment or payout) methods
 * its enabled gateways offer a customer in `country` (the checkout shows no gateway list of its own).
 */
export async function checkoutPickers(
  db: Executor,
  scope: { projectId: string; mode: Mode },
  orderType: "buy" | "sell",
  country: string | undefined,
): Promise<Pick<Supported, "fiats" | "cryptos" | "paymentMethods">> {
  const { fiats, cryptos, paymentMethods } = await getSupported(db, { ...scope, orderType, ...(country ? { country } : {}) });
  return { fiats, cryptos, paymentMethods };
}
