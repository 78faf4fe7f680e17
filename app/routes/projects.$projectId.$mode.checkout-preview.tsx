/**
 * The hosted checkout for a sample purchase, in a branding draft: what the branding page frames
 * at desktop and phone width. The real checkout components with the project's real offer and
 * quotes; the draft comes in the query (public values only), invalid values fall back to the
 * saved branding. Nothing can be paid from it.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { brandingSchema } from "~/branding/schemas";
import { CheckoutForm } from "~/checkout/checkout-form";
import { sampleCheckout, type CheckoutBranding } from "~/checkout/checkout.server";
import { requireProject } from "~/lib/permissions.server";

/** The branding page frames this page; nobody else may. */
export const headers = () => ({ "X-Frame-Options": "SAMEORIGIN" });

/** The draft's valid values (each on its own), and a logo the admin picked but has not uploaded (a blob: URL of this origin). */
function draftBranding(url: URL): Partial<CheckoutBranding> {
  const draft: Partial<CheckoutBranding> = {};
  for (const field of ["displayName", "primaryColor", "backgroundColor", "cornerRadius"] as const) {
    const raw = url.searchParams.get(field);
    if (raw === null) continue;
    const parsed = brandingSchema.shape[field].safeParse(field === "cornerRadius" ? Number(raw) : raw);
    if (parsed.success) Object.assign(draft, { [field]: parsed.data });
  }
  const logo = url.searchParams.get("logo");
  if (logo && logo.startsWith(`blob:${url.origin}/`)) draft.logoUrl = logo;
  return draft;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { project: ["read"] }).catch((thrown: unknown) => {
    // This page lives in the branding page's frames: a redirect (signed out meanwhile, access gone) would land on a
    // console page, which refuses to be framed. Answer in place instead.
    if (thrown instanceof Response && thrown.status >= 300 && thrown.status < 400) throw new Response("The preview is not available.", { status: 403 });
    throw thrown;
  });
  const page = await sampleCheckout(ctx, draftBranding(new URL(request.url)));
  return { page };
}

export default function CheckoutPreview() {
  const { page } = useLoaderData<typeof loader>();
  return <CheckoutForm page={page} credentials={{ sessionId: page.sessionId, projectId: page.projectId, clientSecret: "" }} preview />;
}
