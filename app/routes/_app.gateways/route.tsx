/** The gateway catalogue: every gateway the platform routes orders to, compared, then described one by one. */
import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GATEWAYS } from "~/gateways/catalogue";
import { requireOrganization } from "~/lib/permissions.server";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { AtAGlance } from "./at-a-glance";
import { GatewayCard } from "./gateway-card";

export const meta: MetaFunction = () => [{ title: "Gateway catalogue · Ramp" }];

/** The catalogue is static data shipped with the page; the loader only checks membership. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOrganization(request);
  return { organizationName: ctx.organization.name };
}

export default function GatewayCatalogue() {
  useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Gateway catalogue"
        description="The payment gateways the platform routes orders to. Each project chooses which ones to use, in what order, separately for test and live mode. In test mode every gateway is simulated by the sandbox."
      />
      <AtAGlance />
      {GATEWAYS.map((g) => (
        <GatewayCard key={g.id} gateway={g} />
      ))}
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
