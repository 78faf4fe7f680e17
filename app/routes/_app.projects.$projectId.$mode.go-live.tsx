/** Go live: the checklist, and the switch between serving test mode and live mode (owners and admins, with a confirmation). */
import { Alert, Anchor, Badge, Button, Card, Group, List, Modal, Stack, Text, ThemeIcon } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed, IconRocket } from "@tabler/icons-react";
import { useState } from "react";
import { done, projectActions, projectIntent } from "~/lib/actions.server";
import { requireProject } from "~/lib/permissions.server";
import { roleCan, type Permission } from "~/lib/roles";
import { goLiveState, setProjectLive } from "~/projects/go-live.server";
import { formatDateTime } from "~/ui/format";
import { FormErrorBelow } from "~/ui/form-messages";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { useActionResult } from "~/ui/use-action-result";

export const meta: MetaFunction = () => [{ title: "Go live · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { project: ["read"] });
  const state = await goLiveState(ctx);
  return {
    project: { id: ctx.project.id, name: ctx.project.name },
    mode: ctx.mode,
    canSwitch: roleCan(ctx.role, GO_LIVE),
    live: state.live,
    wentLiveAt: state.wentLiveAt?.toISOString() ?? null,
    ready: state.ready,
    checklist: state.checklist,
  };
}

const GO_LIVE: Permission = { project: ["goLive"] };

export const action = (args: ActionFunctionArgs) =>
  projectActions({
    "go-live": projectIntent({
      permission: GO_LIVE,
      run: async (ctx) => {
        await setProjectLive(ctx, true);
        return done("The project is live: its live keys work and its public endpoints serve live mode.");
      },
    }),
    "go-test": projectIntent({
      permission: GO_LIVE,
      run: async (ctx) => {
        await setProjectLive(ctx, false);
        return done("The project serves test mode again: its live keys are refused until it goes live.");
      },
    }),
  })(args);

const LINKS: Record<string, string> = { gateway: "live/gateways", origins: "live/settings", webhook: "live/webhooks", branding: "live/branding" };

export default function GoLive() {
  const { project, canSwitch, live, wentLiveAt, ready, checklist } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const [confirming, setConfirming] = useState(false);
  const outcome = useActionResult(fetcher.data, { onSuccess: () => setConfirming(false) });
  const intent = live ? "go-test" : "go-live";
  return (
    <Stack maw={760}>
      <PageHeader
        title="Go live"
        description={
          live
            ? `${project.name} is live: its live keys work and its keyless public endpoints serve live mode. Switching back to test mode is possible at any time.`
            : `${project.name} serves test mode until an owner or admin switches it live. Until then its live keys are refused (PROJECT_NOT_LIVE) and its keyless public endpoints serve test mode.`
        }
        actions={
          <Badge color={live ? "teal" : "orange"} variant="light" size="lg" data-testid="project-mode-badge">
            {live ? "Live" : "Test only"}
          </Badge>
        }
      />
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Text fw={600}>Checklist</Text>
          <List spacing="sm" listStyleType="none" data-testid="go-live-checklist">
            {checklist.map((item) => (
              <List.Item
                key={item.id}
                data-done={item.done}
                icon={
                  <ThemeIcon color={item.done ? "teal" : item.required ? "gray" : "yellow"} variant="light" radius="xl" size={24}>
                    {item.done ? <IconCircleCheck size={16} /> : item.required ? <IconCircleDashed size={16} /> : <IconAlertTriangle size={16} />}
                  </ThemeIcon>
                }
              >
                <Group gap={6} wrap="wrap">
                  <Anchor component={Link} to={`/projects/${project.id}/${LINKS[item.id]}`} size="sm" fw={500}>
                    {item.label}
                  </Anchor>
                  {item.required ? null : (
                    <Badge size="xs" variant="light" color="gray">
                      Recommended
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {item.detail}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      </Card>

      <Card withBorder padding="lg">
        <Stack gap="sm">
          {live ? (
            <>
              <Alert color="teal" variant="light" icon={<IconRocket size={18} />} data-testid="live-since">
                Live since {wentLiveAt ? formatDateTime(wentLiveAt) : "—"}. Live orders go to your connected gateways under your own accounts.
              </Alert>
              {ready ? null : (
                <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="live-not-ready">
                  Live, but a required item above is missing: without a connected gateway live quotes come back empty and live orders can't be placed.
                </Alert>
              )}
            </>
          ) : !ready ? (
            <Text size="sm" c="dimmed" data-testid="not-ready">
              Finish the required items above to go live.
            </Text>
          ) : (
            <Text size="sm">Everything required is in place.</Text>
          )}
          {canSwitch ? (
            <Group>
              <Button
                color={live ? "orange" : "teal"}
                variant={live ? "light" : "filled"}
                leftSection={live ? null : <IconRocket size={16} />}
                disabled={!live && !ready}
                onClick={() => setConfirming(true)}
              >
                {live ? "Switch back to test mode" : "Go live"}
              </Button>
            </Group>
          ) : (
            <Text size="xs" c="dimmed">
              Only owners and admins can switch a project live.
            </Text>
          )}
          <FormErrorBelow error={outcome.formError} />
        </Stack>
      </Card>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={live ? "Switch back to test mode?" : `Take ${project.name} live?`} centered>
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value={intent} />
          <Stack>
            <Text size="sm">
              {live
                ? "Live keys will be refused with PROJECT_NOT_LIVE and the keyless public endpoints serve test mode. Live orders already placed keep their mode."
                : "Live keys start working now, and the keyless public endpoints serve live mode: real customers pay real money through your connected gateways."}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button type="submit" color={live ? "orange" : "teal"} loading={fetcher.state !== "idle"}>
                {live ? "Switch to test mode" : "Go live"}
              </Button>
            </Group>
          </Stack>
        </fetcher.Form>
      </Modal>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
