import { Anchor, Code, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { formatDateTimeSeconds } from "./format";

/** A session's or order's events, each linking to its page (payload and deliveries). */
export function EventList({ events, base }: { events: { id: string; type: string; sequence: number | null; createdAt: string }[]; base: string }) {
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="events-empty">
        No events yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={420} type="native">
      <Table verticalSpacing={6} style={{ whiteSpace: "nowrap" }} data-testid="events-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Seq.</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Anchor component={Link} to={`${base}/events/${e.id}`} ff="monospace" size="sm">
                  {e.id}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Code>{e.type}</Code>
              </Table.Td>
              <Table.Td>{e.sequence ?? "—"}</Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {formatDateTimeSeconds(e.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
