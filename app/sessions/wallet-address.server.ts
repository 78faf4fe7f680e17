/**
 * Is this a wallet address on that network? Checked with multicoin-address-validator
 * (EVM networks as ETH with the EIP-55 checksum, Bitcoin base58/bech32, Solana base58).
 *
 * Test mode is lenient in two ways, so sandbox flows and the contract's own examples work:
 * a mixed-case EVM address with a wrong checksum is accepted (docs/api-contract.md's example address
 * 0x742d35Cc…f1bD21 has one), and Bitcoin testnet addresses are accepted. Live mode is
 * strict: a bad checksum usually means a typo, and live money would be lost.
 */
import { createRequire } from "node:module";
import type { Mode } from "~db/schema/types";

const require = createRequire(import.meta.url);
const validator = require("multicoin-address-validator") as {
  validate(address: string, currency: string, options?: { networkType?: "prod" | "testnet" | "both" }): boolean;
};

const EVM_NETWORKS = new Set(["ethereum", "polygon", "arbitrum", "optimism", "base"]);

export function isValidWalletAddress(address: string, network: string, mode: Mode): boolean {
  if (EVM_NETWORKS.has(network)) {
    if (validator.validate(address, "ETH")) return true;
    // The hex is well-formed and only the EIP-55 letter case disagrees: fine in test mode.
    return mode === "test" && /^0x[0-9a-fA-F]{40}$/.test(address) && validator.validate(address.toLowerCase(), "ETH");
  }
  if (network === "bitcoin") return validator.validate(address, "BTC", { networkType: mode === "test" ? "both" : "prod" });
  if (network === "solana") return validator.validate(address, "SOL");
  return false;
}
