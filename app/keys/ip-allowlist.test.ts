/** IP allowlists and the create-key form: what is accepted, how it is normalised, what matches. */
import { describe, expect, it } from "vitest";
import { allowlistMatcher, normaliseCidr, splitAllowlist } from "./ip-allowlist";
import { allowlistSchema, createKeySchema } from "./schemas";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("normaliseCidr", () => {
  it("accepts IPv4 and IPv6 addresses and ranges, stored as their network", () => {
    expect(normaliseCidr("203.0.113.7")).toBe("203.0.113.7/32");
    expect(normaliseCidr(" 10.1.2.3/8 ")).toBe("10.0.0.0/8");
    expect(normaliseCidr("2001:DB8::1")).toBe("2001:db8::1/128");
    expect(normaliseCidr("2001:db8:abcd::/32")).toBe("2001:db8::/32");
  });

  it("refuses what is not an address or range", () => {
    for (const bad of ["10.0.0.300", "10.0.0.0/33", "2001:db8::/129", "example.com", "10.0.0", "1.2.3.4/-1", ""]) expect(normaliseCidr(bad), bad).toBeNull();
  });
});

describe("allowlistMatcher", () => {
  const allows = allowlistMatcher(["10.0.0.0/8", "2001:db8::/32", "198.51.100.7/32"])!;

  it("matches addresses inside the ranges, IPv4-mapped IPv6 included", () => {
    expect(allows("10.200.3.4")).toBe(true);
    expect(allows("::ffff:10.200.3.4")).toBe(true);
    expect(allows("2001:db8:1::9")).toBe(true);
    expect(allows("198.51.100.7")).toBe(true);
  });

  it("refuses others, and an unknown address", () => {
    for (const ip of ["11.0.0.1", "127.0.0.1", "::1", "2001:db9::1", "198.51.100.8", "unknown", "", null]) expect(allows(ip), String(ip)).toBe(false);
  });

  it("is absent (anything goes) for an empty or missing list", () => {
    expect(allowlistMatcher([])).toBeNull();
    expect(allowlistMatcher(null)).toBeNull();
  });
});

describe("the create-key form", () => {
  it("makes a secret key by default, with no allowlist and no expiry", () => {
    const parsed = createKeySchema.parse({ label: "Backend" });
    expect(parsed).toEqual({ label: "Backend", type: "secret", permissions: [], allowedIps: [], expiresAt: null });
  });

  it("turns each resource's level into permissions (a higher level includes read)", () => {
    const parsed = createKeySchema.parse({
      label: "Reports",
      type: "restricted",
      access_sessions: "read",
      access_orders: "refund",
      access_request_logs: "read",
    });
    expect(parsed.permissions.sort()).toEqual(["orders:read", "orders:refund", "request_logs:read", "sessions:read"]);
  });

  it("refuses a restricted key without a permission, beside the permissions", () => {
    const result = createKeySchema.safeParse({ label: "Nothing", type: "restricted" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ["permissions"], message: expect.stringContaining("at least one permission") });
  });

  it("normalises the allowlist and names the first bad entry", () => {
    expect(createKeySchema.parse({ label: "x", allowedIps: "10.0.0.1\n 2001:db8::/48, 10.0.0.1" }).allowedIps).toEqual(["10.0.0.1/32", "2001:db8::/48"]);
    const bad = createKeySchema.safeParse({ label: "x", allowedIps: "10.0.0.1\n300.1.1.1" });
    expect(bad.error!.issues[0]).toMatchObject({ path: ["allowedIps"], message: expect.stringContaining("“300.1.1.1” is not an IP address or CIDR range") });
    expect(allowlistSchema.parse({ keyId: "key_1", allowedIps: "" }).allowedIps).toEqual([]);
    expect(splitAllowlist(" a ,b\n\nc ")).toEqual(["a", "b", "c"]);
  });

  it("takes an expiry date after today and within three years (00:00 UTC that day)", () => {
    expect(createKeySchema.parse({ label: "x", expiresOn: day(30) }).expiresAt).toEqual(new Date(`${day(30)}T00:00:00Z`));
    for (const [when, message] of [
      [day(0), "after today"],
      [day(-3), "after today"],
      [day(3 * 366 + 2), "within three years"],
      ["next week", "Pick a date"],
    ]) {
      const result = createKeySchema.safeParse({ label: "x", expiresOn: when });
      expect(result.error?.issues[0], when).toMatchObject({ path: ["expiresOn"], message: expect.stringContaining(message!) });
    }
  });
});
