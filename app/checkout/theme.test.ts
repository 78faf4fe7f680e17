import { describe, expect, it } from "vitest";
import { contrastRatio, readableTextColor } from "~/branding/schemas";
import { mutedTextOn } from "./theme";

// Backgrounds a partner may choose. #fff9db: the pale yellow of the branding spec, on which the logo card's "No logo"
// was 4.42:1; #777777 and #4c6ef5: mid-tones, on which neither white nor near-black text reaches 4.5:1.
const BACKGROUNDS = ["#ffffff", "#fff9db", "#f1f3f5", "#777777", "#4c6ef5", "#e64980", "#1a1b1e", "#000000"];

describe("text on a partner's background", () => {
  it.each(BACKGROUNDS)("text and muted text read at 4.5:1 or better on %s (WCAG AA for small text)", (background) => {
    expect(contrastRatio(readableTextColor(background), background)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(mutedTextOn(background), background)).toBeGreaterThanOrEqual(4.5);
  });

  it("keeps the console's near-black and white where they read", () => {
    expect(readableTextColor("#ffffff")).toBe("#1a1b1e");
    expect(readableTextColor("#1a1b1e")).toBe("#ffffff");
    expect(readableTextColor("#4c6ef5")).toBe("#000000");
  });

  it("muted text is a tint, lighter than the text, where the background leaves room for one", () => {
    expect(contrastRatio(mutedTextOn("#ffffff"), "#ffffff")).toBeLessThan(contrastRatio(readableTextColor("#ffffff"), "#ffffff"));
    expect(contrastRatio(mutedTextOn("#fff9db"), "#fff9db")).toBeGreaterThanOrEqual(5.5);
  });
});
