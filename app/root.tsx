import chartsStyles from "@mantine/charts/styles.css";
import { ColorSchemeScript, MantineProvider, mantineHtmlProps } from "@mantine/core";
import coreStyles from "@mantine/core/styles.css";
import datesStyles from "@mantine/dates/styles.css";
import { Notifications } from "@mantine/notifications";
import notificationsStyles from "@mantine/notifications/styles.css";
import { cssBundleHref } from "@remix-run/css-bundle";
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useMemo, type ReactNode } from "react";
import { useResumedBranding } from "./checkout/resumed-branding";
import { checkoutColorScheme, checkoutCssResolver, checkoutTheme, NEUTRAL_BRANDING, type CheckoutThemeInput } from "./checkout/theme";
import { CspScript } from "./lib/csp-script";
import { useNonce } from "./lib/nonce";
import { cssVariablesResolver, theme } from "./theme";
import reducedMotionStyles from "./ui/reduced-motion.css";
import { RouteErrorPage } from "./ui/route-error";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coreStyles },
  { rel: "stylesheet", href: notificationsStyles },
  { rel: "stylesheet", href: datesStyles },
  { rel: "stylesheet", href: chartsStyles },
  ...(cssBundleHref ? [{ rel: "stylesheet", href: cssBundleHref }] : []),
  { rel: "stylesheet", href: reducedMotionStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Ramp Partner Console" }];

/**
 * The hosted checkout is a public page in the partner's colours: its loader hands the
 * branding up here, and the whole document takes a theme (and a fixed colour scheme) built
 * from it instead of the console's.
 */
function useCheckoutBranding(): CheckoutThemeInput | null {
  const checkout = useRouteLoaderData<{ page?: { branding?: CheckoutThemeInput } }>("routes/checkout");
  // The branding page's preview is the same checkout, in the draft's look.
  const preview = useRouteLoaderData<{ page?: { branding?: CheckoutThemeInput } }>("routes/projects.$projectId.$mode.checkout-preview");
  const data = checkout ?? preview;
  // A reload resumes by POST: its branding comes with that answer (app/checkout/resumed-branding.ts).
  const resumed = useResumedBranding();
  // A link that isn't valid shows no project's look: the neutral checkout one.
  return data ? (data.page?.branding ?? (checkout ? resumed : null) ?? NEUTRAL_BRANDING) : null;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const branding = useCheckoutBranding();
  const look = useMemo(
    () =>
      branding && {
        theme: checkoutTheme(branding),
        scheme: checkoutColorScheme(branding),
        resolver: checkoutCssResolver(branding),
      },
    [branding],
  );
  // Marks the page as running its scripts: a shortcut or a menu does nothing before then, so the browser suite waits
  // for this (e2e/fixtures.ts, hydrated) before it presses keys or checks a page, as a person waits for the page to load.
  useEffect(() => document.documentElement.setAttribute("data-hydrated", ""), []);
  return (
    <html lang="en" {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <ColorSchemeScript defaultColorScheme="auto" forceColorScheme={look?.scheme} nonce={nonce} suppressHydrationWarning />
        <CspScript nonce={nonce} />
      </head>
      <body>
        <MantineProvider
          theme={look?.theme ?? theme}
          defaultColorScheme="auto"
          forceColorScheme={look?.scheme}
          cssVariablesResolver={look?.resolver ?? cssVariablesResolver}
          getStyleNonce={() => nonce ?? ""}
        >
          <Notifications position="top-right" />
          {children}
        </MantineProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <RouteErrorPage fullPage />;
}
