/**
 * The hosted checkout's colours from a project's branding values: `checkoutCssVariables` turns
 * the three branding values into a small set of CSS custom properties (text, muted text, surface,
 * border and tint colours are derived, so any brand colour stays readable), which the checkout's
 * theme (app/checkout/theme.ts) reads. Nothing here depends on the console's Mantine theme or
 * its light/dark scheme: the customer sees the partner's colours, not ours. (The branding page
 * previews the checkout itself, app/routes/projects.$projectId.$mode.checkout-preview.tsx.)
 */
import type { CSSProperties } from "react";
import { mixColors, normalizeHexColor, readableTextColor } from "./schemas";

export interface CheckoutTheme {
  /** #rrggbb */
  primaryColor: string;
  /** #rrggbb */
  backgroundColor: string;
  /** px, 0–24 */
  cornerRadius: number;
}

/** The custom properties every part of the checkout is styled from. */
export function checkoutCssVariables(theme: CheckoutTheme): CSSProperties {
  const primary = normalizeHexColor(theme.primaryColor) ?? "#4c6ef5";
  const background = normalizeHexColor(theme.backgroundColor) ?? "#ffffff";
  const text = readableTextColor(background);
  return {
    "--checkout-primary": primary,
    "--checkout-on-primary": readableTextColor(primary),
    "--checkout-primary-soft": mixColors(background, primary, 0.1),
    "--checkout-background": background,
    "--checkout-text": text,
    "--checkout-muted": mixColors(background, text, 0.62),
    "--checkout-surface": mixColors(background, text, 0.04),
    "--checkout-border": mixColors(background, text, 0.16),
    "--checkout-radius": `${theme.cornerRadius}px`,
  } as CSSProperties;
}
