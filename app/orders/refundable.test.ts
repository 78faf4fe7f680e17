import { describe, expect, it } from "vitest";
import { refundRefusal } from "./refundable";

describe("refundRefusal", () => {
  it("allows only a completed buy", () => {
    expect(refundRefusal({ id: "ord_1", type: "buy", status: "completed" })).toBeNull();
  });

  it.each(["created", "processing", "failed", "expired"])("refuses a %s buy, naming its status", (status) => {
    expect(refundRefusal({ id: "ord_1", type: "buy", status })).toBe(`Only a completed order can be refunded; order ord_1 is ${status}.`);
  });

  it("refuses a refunded order of either type", () => {
    for (const type of ["buy", "sell"]) expect(refundRefusal({ id: "ord_1", type, status: "refunded" })).toBe("Order ord_1 is already refunded.");
  });

  it.each(["created", "processing", "completed", "failed", "expired"])("refuses a %s sell: the gateway returns the crypto", (status) => {
    expect(refundRefusal({ id: "ord_1", type: "sell", status })).toMatch(/^Order ord_1 is a sell: the gateway returns the crypto itself/);
  });
});
