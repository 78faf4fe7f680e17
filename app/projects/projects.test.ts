import { describe, expect, it } from "vitest";
import { isRedirectAllowed, redirectOriginsSchema } from "./projects.server";

describe("redirectOriginsSchema", () => {
  it("accepts https origins one per line or comma-separated, normalised and de-duplicated", () => {
    const parsed = redirectOriginsSchema.parse("https://Shop.Example.com\nhttps://app.example.com:8443, https://shop.example.com/");
    expect(parsed).toEqual(["https://shop.example.com", "https://app.example.com:8443"]);
  });

  it("accepts an empty list", () => {
    expect(redirectOriginsSchema.parse("  \n ")).toEqual([]);
  });

  it.each([
    ["http://shop.example.com", "must use https"],
    ["https://shop.example.com/checkout", "has a path or query"],
    ["https://shop.example.com?x=1", "has a path or query"],
    ["shop.example.com", "is not a URL"],
  ])("refuses %s with a readable message", (input, message) => {
    const result = redirectOriginsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toContain(message);
  });

  it("refuses more than 20 origins", () => {
    const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.example.com`).join("\n");
    expect(redirectOriginsSchema.safeParse(many).success).toBe(false);
  });
});

describe("isRedirectAllowed", () => {
  const origins = ["https://shop.example.com"];
  it("lets anything through in test mode", () => {
    expect(isRedirectAllowed("http://localhost:5173/done", "test", [])).toBe(true);
  });
  it("in live mode requires the URL's origin to be listed exactly", () => {
    expect(isRedirectAllowed("https://shop.example.com/payment-complete?x=1", "live", origins)).toBe(true);
    expect(isRedirectAllowed("https://shop.example.com.evil.io/payment-complete", "live", origins)).toBe(false);
    expect(isRedirectAllowed("http://shop.example.com/payment-complete", "live", origins)).toBe(false);
    expect(isRedirectAllowed("not a url", "live", origins)).toBe(false);
    expect(isRedirectAllowed("https://shop.example.com/x", "live", [])).toBe(false);
  });
});
