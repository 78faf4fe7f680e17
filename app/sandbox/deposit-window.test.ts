/** The sandbox's deposit window: the gateway's, unless a test setting shortens it (all sales, or one by its email). */
import { afterEach, describe, expect, it } from "vitest";
import { gatewayById } from "~/gateways/catalogue";
import { sandboxDepositWindowMs } from "./provider.server";

const banxa = gatewayById("banxa")!;
const catalogueWindow = banxa.sell!.depositWindowMinutes * 60_000;

afterEach(() => {
  delete process.env.SANDBOX_SHORT_DEPOSIT_WINDOW_SECONDS;
  delete process.env.SANDBOX_DEPOSIT_WINDOW_SECONDS;
});

describe("sandboxDepositWindowMs", () => {
  it("is the catalogue's window by default, even for the timeout email", () => {
    expect(sandboxDepositWindowMs(banxa)).toBe(catalogueWindow);
    expect(sandboxDepositWindowMs(banxa, "sandbox-deposit-timeout@example.com")).toBe(catalogueWindow);
  });

  it("gives the short window only to a sale with the timeout email once the setting is on", () => {
    process.env.SANDBOX_SHORT_DEPOSIT_WINDOW_SECONDS = "12";
    expect(sandboxDepositWindowMs(banxa, "sandbox-deposit-timeout@example.com")).toBe(12_000);
    expect(sandboxDepositWindowMs(banxa, "Sandbox-Deposit-Timeout+run7@example.com")).toBe(12_000);
    expect(sandboxDepositWindowMs(banxa, "seller@example.com")).toBe(catalogueWindow);
    expect(sandboxDepositWindowMs(banxa, null)).toBe(catalogueWindow);
  });

  it("keeps SANDBOX_DEPOSIT_WINDOW_SECONDS for every sale", () => {
    process.env.SANDBOX_DEPOSIT_WINDOW_SECONDS = "90";
    expect(sandboxDepositWindowMs(banxa, "seller@example.com")).toBe(90_000);
  });
});
