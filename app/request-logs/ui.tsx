/** Pieces the Logs pages, the request page and the session/order/key pages share. */
import { Anchor, Badge, Code, Group, SegmentedControl, Table, Text } from "@mantine/core";
import { Link, useNavigate } from "@remix-run/react";
import { formatDateTimeSeconds } from "~/ui/format";

/** A status code coloured by class: 2xx green, 4xx orange, 5xx red. */
export function StatusCode({ status }: { status: number }) {
  const color = status >= 500 ? "red" : status >= 400 ? "orange" : status >= 300 ? "blue" : "teal";
  return (
    // Never narrower than its three digits (a narrow table cell would cut "200" to "20…").
    <Badge color={color} variant="light" radius="sm" ff="monospace" data-testid="request-status" style={{ flexShrink: 0, minWidth: "max-content" }}>
      {status}
    </Badge>
  );
}

export function MethodLabel({ method }: { method: string }) {
  return (
    <Text span ff="monospace" fw={700} size="xs" c={method === "GET" ? "blue" : method === "DELETE" ? "red" : "grape"}>
      {method}
    </Text>
  );
}

/** Logs | Errors, as links (each view keeps its own URL). */
export function LogsTabs({ base, active }: { base: string; active: "logs" | "errors" }) {
  const navigate = useNavigate();
  return (
    <SegmentedControl
      value={active}
      onChange={(value) => navigate(value === "errors" ? `${base}/logs/errors` : `${base}/logs`)}
      data={[
        { value: "logs", label: "All requests" },
        { value: "errors", label: "Errors" },
      ]}
      aria-label="Logs view"
    />
  );
}

export interface RequestListItem {
  id: string;
  createdAt: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  errorCode: string | null;
  source: string;
}

/** A short list of requests (a session's, an order's page): status, method, path, error, when. */
export function RequestList({ base, items, emptyText }: { base: string; items: RequestListItem[]; emptyText: string }) {
  if (!items.length)
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={520} type="native">
      <Table verticalSpacing={6} style={{ whiteSpace: "nowrap" }} data-testid="related-requests">
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td w={60}>
                <StatusCode status={r.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <MethodLabel method={r.method} />
                  <Anchor component={Link} to={`${base}/logs/${r.id}`} size="sm" ff="monospace">
                    {r.path}
                  </Anchor>
                </Group>
              </Table.Td>
              <Table.Td>{r.errorCode ? <Code>{r.errorCode}</Code> : null}</Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {formatDateTimeSeconds(r.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
