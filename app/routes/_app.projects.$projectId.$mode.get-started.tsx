/** Get started: a project's quick start on its own page, where a new project lands (issue 17). */
import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireProject } from "~/lib/permissions.server";
import { projectOverview } from "~/projects/overview.server";
import { QuickStart } from "~/projects/quick-start";
import { quickStartProgress } from "~/projects/quick-start.server";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Get started · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { project: ["read"] });
  const [overview, progress] = await Promise.all([projectOverview(ctx), quickStartProgress(ctx)]);
  return {
    mode: ctx.mode,
    base: `/projects/${ctx.projectId}/${ctx.mode}`,
    projectName: ctx.project.name,
    apiBaseUrl: overview.apiBaseUrl,
    secret: overview.keys?.secret ?? null,
    progress,
  };
}

export default function GetStarted() {
  const { mode, base, projectName, apiBaseUrl, secret, progress } = useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Get started"
        description={`From a checkout session to a paid sandbox order and a verified webhook in ${projectName}, in five minutes. Each step ticks itself off when it has happened in this project.`}
      />
      <QuickStart baseUrl={apiBaseUrl} mode={mode} secret={secret} base={base} progress={progress} />
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
