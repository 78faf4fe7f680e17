import { describe, expect, it } from "vitest";
import { sellProgress } from "./sell-progress";

describe("sellProgress", () => {
  it("reads the deposit and payout from the order's status", () => {
    expect(sellProgress({ status: "created", processingAt: null })).toEqual({ deposit: "awaiting", payout: "waits for deposit" });
    expect(sellProgress({ status: "processing", processingAt: "2026-12-04T10:00:00Z" })).toEqual({ deposit: "received", payout: "pending" });
    expect(sellProgress({ status: "completed", processingAt: "2026-12-04T10:00:00Z" })).toEqual({ deposit: "received", payout: "sent" });
    expect(sellProgress({ status: "expired", processingAt: null })).toEqual({ deposit: "not received", payout: "not sent" });
  });

  it("keeps a deposit received when the payout was declined or failed afterwards", () => {
    expect(sellProgress({ status: "refunded", processingAt: "2026-12-04T10:00:00Z" })).toEqual({ deposit: "received", payout: "declined, crypto refunded" });
    expect(sellProgress({ status: "failed", processingAt: "2026-12-04T10:00:00Z" })).toEqual({ deposit: "received", payout: "not sent" });
  });
});
