/**
 * The hosted checkout's Mantine theme, built from a project's branding: the partner's
 * primary colour becomes the theme's primary palette (shade 6 is the colour itself, lighter
 * and darker shades are mixed towards white and black), the corner radius becomes the default
 * radius, and the background decides the colour scheme (a dark background gets Mantine's dark
 * scheme, so inputs and text stay readable on it). The customer sees the partner's look, not
 * the console's, and not their own OS preference.
 */
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from "@mantine/core";
import { checkoutCssVariables } from "~/branding/checkout-preview";
import { contrastRatio, DEFAULT_BRANDING, mixColors, normalizeHexColor, readableTextColor } from "~/branding/schemas";
import { theme as consoleTheme } from "~/theme";

export interface CheckoutThemeInput {
  primaryColor: string;
  backgroundColor: string;
  cornerRadius: number;
}

export const NEUTRAL_BRANDING: CheckoutThemeInput = { ...DEFAULT_BRANDING };

function palette(primary: string): MantineColorsTuple {
  const lighter = [0.92, 0.82, 0.66, 0.48, 0.3, 0.14].map((amount) => mixColors(primary, "#ffffff", amount));
  const darker = [0.14, 0.28, 0.42].map((amount) => mixColors(primary, "#000000", amount));
  return [...lighter, primary, ...darker] as unknown as MantineColorsTuple;
}

export function checkoutColorScheme(branding: CheckoutThemeInput): "light" | "dark" {
  return readableTextColor(normalizeHexColor(branding.backgroundColor) ?? "#ffffff") === "#ffffff" ? "dark" : "light";
}

export function checkoutTheme(branding: CheckoutThemeInput) {
  const primary = normalizeHexColor(branding.primaryColor) ?? DEFAULT_BRANDING.primaryColor;
  return createTheme({
    fontFamily: consoleTheme.fontFamily,
    headings: consoleTheme.headings,
    cursorType: "pointer",
    respectReducedMotion: consoleTheme.respectReducedMotion,
    colors: { brand: palette(primary) },
    primaryColor: "brand",
    primaryShade: 6,
    // Text on brand buttons and badges is black or white, whichever contrasts more with the partner's colour: a
    // luminance of 0.179 is where both contrast equally (Mantine's default; a higher threshold put white at 4.3:1 on
    // the default #4c6ef5, below WCAG AA).
    autoContrast: true,
    luminanceThreshold: 0.179,
    defaultRadius: branding.cornerRadius,
  });
}

/** WCAG AA for normal text. */
const TEXT_CONTRAST = 4.5;

/** The first colour that reads as text on `background`, else the plain text colour. */
function readableOn(background: string, candidates: string[], fallback: string, minimum = TEXT_CONTRAST) {
  return candidates.find((c) => contrastRatio(c, background) >= minimum) ?? fallback;
}

/**
 * Muted text (hints, placeholders) on a partner's background: the lightest tint of the readable text colour that
 * still reads at 5.5:1, a margin over WCAG's 4.5 because it also sits on tinted surfaces (the chosen quote); the
 * readable colour itself where no tint does (mid-tone backgrounds).
 */
export function mutedTextOn(background: string) {
  const text = readableTextColor(background);
  return readableOn(
    background,
    [0.62, 0.68, 0.74, 0.8].map((amount) => mixColors(background, text, amount)),
    text,
    5.5,
  );
}

/** The page background and text follow the branding whatever the scheme; error red stays readable on it. */
export function checkoutCssResolver(branding: CheckoutThemeInput): CSSVariablesResolver {
  const vars = checkoutCssVariables(branding) as Record<string, string>;
  const background = vars["--checkout-background"]!;
  const text = vars["--checkout-text"]!;
  const muted = mutedTextOn(background);
  const scheme = {
    "--mantine-color-body": background,
    "--mantine-color-text": text,
    "--mantine-color-dimmed": muted,
    "--mantine-color-default-border": vars["--checkout-border"]!,
    "--mantine-color-error": readableOn(background, ["#e03131", "#c92a2a", "#ff8787", "#ffa8a8"], text),
    "--mantine-color-placeholder": muted,
  };
  return () => ({ variables: {}, light: scheme, dark: scheme });
}
