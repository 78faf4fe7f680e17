/** The webhook endpoints of a project and mode: URL, events, status, 24-hour success rate, last failure. */
import { Anchor, Stack, Text } from "@mantine/core";
import { Link, useNavigate } from "@remix-run/react";
import { IconWebhook } from "@tabler/icons-react";
import { DataTable } from "~/ui/data-table";
import { formatDateTime } from "~/ui/format";
import { EndpointStatus, formatRate } from "~/webhooks/ui";
import type { EndpointListRow } from "./route";

function EventsCell({ events }: { events: string[] }) {
  if (events.includes("*")) return <Text size="sm">All events</Text>;
  return (
    <Text size="sm" title={events.join(", ")}>
      {events.length === 1 ? events[0] : `${events.length} event types`}
    </Text>
  );
}

export function EndpointsTable({ endpoints, base, canManage }: { endpoints: EndpointListRow[]; base: string; canManage: boolean }) {
  const navigate = useNavigate();
  return (
    <DataTable
      rows={endpoints}
      columns={[
        {
          header: "Endpoint",
          maw: 360,
          cell: (e) => (
            <>
              <Anchor
                component={Link}
                to={`${base}/webhooks/${e.id}`}
                fw={600}
                size="sm"
                style={{ overflowWrap: "anywhere" }}
                onClick={(event) => event.stopPropagation()}
              >
                {e.url}
              </Anchor>
              {e.description ? (
                <Text size="xs" c="dimmed">
                  {e.description}
                </Text>
              ) : null}
            </>
          ),
        },
        { header: "Events", cell: (e) => <EventsCell events={e.enabledEvents} /> },
        { header: "Status", cell: (e) => <EndpointStatus status={e.status} flagged={e.flagged} /> },
        {
          header: "Success (24 h)",
          cell: (e) => (
            <>
              <Text size="sm">{formatRate(e.successRate)}</Text>
              <Text size="xs" c="dimmed">
                {e.attempts24h} attempts
              </Text>
            </>
          ),
        },
        {
          header: "Last failure",
          maw: 260,
          cell: (e) =>
            e.lastFailureAt ? (
              <>
                <Text size="sm">{formatDateTime(e.lastFailureAt)}</Text>
                <Text size="xs" c="dimmed" lineClamp={1} title={e.lastFailureMessage ?? ""}>
                  {e.lastFailureMessage}
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                None
              </Text>
            ),
        },
      ]}
      minWidth={860}
      verticalSpacing="sm"
      horizontalSpacing="md"
      highlightOnHover
      nowrap={false}
      testId="endpoints-table"
      rowTestId="endpoint-row"
      rowProps={(e) => ({ style: { cursor: "pointer" }, onClick: () => navigate(`${base}/webhooks/${e.id}`) })}
      empty={
        <Stack align="center" gap="xs" p="xl" data-testid="webhooks-empty">
          <IconWebhook size={32} stroke={1.5} />
          <Text fw={600}>No endpoints yet</Text>
          <Text size="sm" c="dimmed" ta="center" maw={420}>
            Add the URL of your backend to receive order and session events as they happen{canManage ? "." : ". Ask an admin to add one."}
          </Text>
        </Stack>
      }
    />
  );
}
