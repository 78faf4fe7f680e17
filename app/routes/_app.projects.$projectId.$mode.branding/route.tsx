/** A project's branding: how its hosted checkout looks (one look for test and live), with a live preview. */
import { Alert, Grid, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { IconLock } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { getBranding, removeLogo, setLogo, updateBranding } from "~/branding/branding.server";
import { brandingSchema, contrastWarning } from "~/branding/schemas";
import { done, orErrorPage, projectActions, projectIntent } from "~/lib/actions.server";
import { requireProject } from "~/lib/permissions.server";
import { ROLE_LABELS, roleCan } from "~/lib/roles";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { AppearanceCard } from "./appearance-card";
import { draftOf, isDirty, previewColorsOf, type Draft } from "./draft";
import { LogoCard, useLocalLogoUrl } from "./logo-card";
import { readBrandingForm, UPDATE_BRANDING, uploadedLogo } from "./logo-upload.server";
import { PreviewCard } from "./preview-card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Branding · ${data?.project.name ?? "Project"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { project: ["read"] });
  const branding = await orErrorPage(getBranding(ctx));
  return {
    project: { id: ctx.project.id, name: ctx.project.name, mode: ctx.mode },
    branding: {
      displayName: branding.displayName,
      primaryColor: branding.primaryColor,
      backgroundColor: branding.backgroundColor,
      cornerRadius: branding.cornerRadius,
      logo: branding.logo,
    },
    /** Only hides the controls; the action checks the permission again. */
    canEdit: roleCan(ctx.role, { branding: ["update"] }),
    roleLabel: ROLE_LABELS[ctx.role],
  };
}

export type BrandingView = ReturnType<typeof useLoaderData<typeof loader>>["branding"];

// A function, not a call at module scope: Remix drops the `action` export from the browser
// bundle, but a module-scope call would still run there, against the empty .server stub.
export const action = (args: ActionFunctionArgs) =>
  projectActions(
    {
      save: projectIntent({
        permission: UPDATE_BRANDING,
        schema: brandingSchema,
        run: async (ctx, input) => {
          const saved = await updateBranding(ctx, input);
          const message = saved.changedFields.length ? "Branding saved. New checkouts use it right away." : "Nothing changed since the last save.";
          // Saved anyway, but worth a look (low contrast).
          return done(message, { warning: saved.warning });
        },
      }),
      "upload-logo": projectIntent({
        permission: UPDATE_BRANDING,
        run: async (ctx, _input, formData) => {
          const file = uploadedLogo(formData);
          await setLogo(ctx, new Uint8Array(await file.arrayBuffer()), file.type);
          return done("Logo uploaded. The checkout shows it instead of the display name.");
        },
      }),
      "remove-logo": projectIntent({
        permission: UPDATE_BRANDING,
        run: async (ctx) => {
          const { removed } = await removeLogo(ctx);
          return done(removed ? "Logo removed. The checkout shows the display name again." : "There was no logo to remove.");
        },
      }),
    },
    // The logo form is a multipart upload with a size limit.
    { readForm: readBrandingForm },
  )(args);

export default function BrandingRoute() {
  const { project } = useLoaderData<typeof loader>();
  // A fresh page per project: switching projects must not carry over drafts or messages.
  return <BrandingPage key={project.id} />;
}

function BrandingPage() {
  const { project, branding, canEdit, roleLabel } = useLoaderData<typeof loader>();
  const base = `/projects/${project.id}/${project.mode}`;
  const saved = draftOf(branding);
  const savedKey = JSON.stringify(saved);
  const [draft, setDraft] = useState<Draft>(saved);
  // After a save the loader answers with the (normalised) saved values: they become the new
  // starting point. A logo upload leaves them as they are, so unsaved edits survive it.
  useEffect(() => setDraft(JSON.parse(savedKey) as Draft), [savedKey]);
  const [file, setFile] = useState<File | null>(null);
  const localLogoUrl = useLocalLogoUrl(file);

  const previewColors = previewColorsOf(draft, saved);
  // The same check the server runs on save (shared from schemas.ts), shown as the admin picks.
  const warning = contrastWarning(previewColors.primaryColor, previewColors.backgroundColor);
  const dirty = isDirty(draft, saved);

  return (
    <Stack gap="lg">
      <PageHeader title="Branding" description="How the hosted checkout looks to your customers. One look for test and live mode." />
      {!canEdit ? (
        <Alert color="blue" variant="light" icon={<IconLock size={18} />} title="Read-only" data-testid="branding-read-only">
          Only owners and admins can change branding. Your role in this organization is {roleLabel}, so you can look but not edit. Ask an admin if something
          should change.
        </Alert>
      ) : null}
      <Grid gutter="lg" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <AppearanceCard draft={draft} setDraft={setDraft} saved={saved} dirty={dirty} warning={warning} canEdit={canEdit} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <LogoCard branding={branding} backgroundColor={previewColors.backgroundColor} file={file} setFile={setFile} canEdit={canEdit} />
        </Grid.Col>
      </Grid>
      <PreviewCard base={base} draft={draft} colors={previewColors} savedLogoUrl={branding.logo?.url ?? null} localLogoUrl={localLogoUrl} dirty={dirty} />
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
