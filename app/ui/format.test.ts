import { describe, expect, it } from "vitest";
import { formatRelative } from "./format";

const now = Date.parse("2026-12-04T11:40:00Z");
const ago = (ms: number) => new Date(now - ms).toISOString();

describe("formatRelative", () => {
  it("tells events a few seconds apart apart", () => {
    expect(formatRelative(ago(2_000), now)).toBe("just now");
    expect(formatRelative(ago(12_000), now)).toBe("12 s ago");
    expect(formatRelative(ago(47_000), now)).toBe("47 s ago");
  });

  it("counts minutes, hours and days up to a week", () => {
    expect(formatRelative(ago(5 * 60_000 + 30_000), now)).toBe("5 min ago");
    expect(formatRelative(ago(3 * 3_600_000), now)).toBe("3 h ago");
    expect(formatRelative(ago(3 * 3_600_000 + 5 * 60_000), now)).toBe("3 h 5 min ago");
    expect(formatRelative(ago(2 * 86_400_000), now)).toBe("2 d ago");
  });

  it("gives the date to the second after a week, with the year once it is another one", () => {
    expect(formatRelative("2026-11-02T09:15:07Z", now)).toBe("2 Nov, 09:15:07 UTC");
    expect(formatRelative("2025-11-02T09:15:07Z", now)).toBe("2 Nov 2025");
  });
});
