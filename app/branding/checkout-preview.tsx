/**
 * A miniature of the hosted checkout, drawn only from a project's branding values.
 *
 * The styling idea, for the hosted checkout page to reuse: `checkoutCssVariables` turns the
 * three branding values into a small set of CSS custom properties (text, muted text, surface,
 * border and tint colours are derived, so any brand colour stays readable), and every element
 * below reads only those variables. Nothing here depends on the console's Mantine theme or its
 * light/dark scheme: the customer sees the partner's colours, not ours.
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

const styles = {
  root: {
    background: "var(--checkout-background)",
    color: "var(--checkout-text)",
    padding: 20,
    display: "flex",
    flexDirection: "column",
    gap: 14,
    fontSize: 14,
    lineHeight: 1.4,
    transition: "background-color 120ms ease, color 120ms ease",
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: 12,
    minHeight: 32,
    paddingBottom: 12,
    borderBottom: "1px solid var(--checkout-border)",
  },
  logo: { maxHeight: 32, maxWidth: 160, objectFit: "contain", display: "block" },
  name: { fontWeight: 650, fontSize: 16, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  step: { fontSize: 12, color: "var(--checkout-muted)", whiteSpace: "nowrap" },
  title: { fontWeight: 650, fontSize: 18, margin: 0 },
  label: { fontSize: 12, color: "var(--checkout-muted)", marginBottom: 6 },
  field: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: 8,
    padding: "10px 12px",
    background: "var(--checkout-surface)",
    border: "1px solid var(--checkout-border)",
    borderRadius: "var(--checkout-radius)",
  },
  amount: { fontSize: 20, fontWeight: 600, fontVariantNumeric: "tabular-nums" },
  pair: { display: "flex", alignItems: "center", gap: 6, fontWeight: 600 },
  chip: {
    padding: "2px 8px",
    border: "1px solid var(--checkout-border)",
    borderRadius: "var(--checkout-radius)",
    fontSize: 13,
  },
  quote: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: 12,
    padding: "10px 12px",
    background: "var(--checkout-primary-soft)",
    border: "1px solid var(--checkout-primary)",
    borderRadius: "var(--checkout-radius)",
  },
  quoteDetail: { fontSize: 12, color: "var(--checkout-muted)" },
  button: {
    background: "var(--checkout-primary)",
    color: "var(--checkout-on-primary)",
    borderRadius: "var(--checkout-radius)",
    padding: "12px 16px",
    textAlign: "center",
    fontWeight: 650,
    transition: "background-color 120ms ease",
  },
  footer: { fontSize: 11, color: "var(--checkout-muted)", textAlign: "center" },
} satisfies Record<string, CSSProperties>;

export interface CheckoutPreviewProps extends CheckoutTheme {
  displayName: string;
  /** Shown instead of the display name when set. */
  logoUrl?: string | null;
}

/** The first screen of the hosted checkout with sample figures. Purely presentational. */
export function CheckoutPreview({ displayName, logoUrl, ...theme }: CheckoutPreviewProps) {
  const name = displayName.trim() || "Your brand";
  return (
    <div style={{ ...checkoutCssVariables(theme), ...styles.root }} data-testid="checkout-preview">
      <div style={styles.header}>
        {logoUrl ? (
          <img src={logoUrl} alt={name} style={styles.logo} data-testid="checkout-preview-logo" />
        ) : (
          <span style={styles.name} data-testid="checkout-preview-name">
            {name}
          </span>
        )}
        <span style={styles.step}>Step 1 of 3</span>
      </div>
      <p style={styles.title}>Buy crypto</p>
      <div>
        <div style={styles.label}>Amount</div>
        <div style={styles.field}>
          <span style={styles.amount}>100</span>
          <span style={styles.pair}>
            <span style={styles.chip}>USD</span>
            <span aria-label="to">→</span>
            <span style={styles.chip}>ETH</span>
          </span>
        </div>
      </div>
      <div style={styles.quote}>
        <div>
          <div style={{ fontWeight: 600 }}>Best quote</div>
          <div style={styles.quoteDetail}>Sandbox Pay · fee 2.49 USD</div>
        </div>
        <div style={{ fontWeight: 650, whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>≈ 0.0305 ETH</div>
      </div>
      {/* A picture of the button, not a control: nothing in the preview can be clicked. */}
      <div style={styles.button} data-testid="checkout-preview-button">
        Continue
      </div>
      <div style={styles.footer}>Powered by Ramp</div>
    </div>
  );
}
