/** The audit log's entries, newest first, and Newest / Older under them. */
import { Badge, Button, Card, Code, Group, Text } from "@mantine/core";
import { Link, useSearchParams } from "@remix-run/react";
import { DataTable } from "~/ui/data-table";
import { Timestamp } from "~/ui/timestamp";
import type { AuditView } from "./route";

export function AuditTable({ entries, filtered }: { entries: AuditView["entries"]; filtered: boolean }) {
  return (
    <Card withBorder padding={0}>
      <DataTable
        rows={entries}
        minWidth={900}
        testId="audit-table"
        verticalSpacing="sm"
        horizontalSpacing="md"
        nowrap={false}
        empty={
          <Text c="dimmed" size="sm" p="lg">
            {filtered ? "Nothing matches these filters." : "Nothing has been recorded yet."}
          </Text>
        }
        columns={[
          {
            header: "When",
            nowrap: true,
            cell: (entry) => <Timestamp iso={entry.createdAt} />,
          },
          {
            header: "Action",
            cell: (entry) => (
              <>
                <Badge variant="light" tt="none" radius="sm" miw="max-content">
                  {entry.action}
                </Badge>
                {Object.keys(entry.details ?? {}).length ? (
                  <Text size="xs" c="dimmed" mt={4} style={{ wordBreak: "break-word" }}>
                    {Object.entries(entry.details as Record<string, unknown>)
                      .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
                      .join(" · ")}
                  </Text>
                ) : null}
              </>
            ),
          },
          {
            header: "Actor",
            cell: (entry) => <Text size="sm">{entry.actor}</Text>,
          },
          {
            header: "Target",
            cell: (entry) => <Code fz="xs">{entry.target}</Code>,
          },
          {
            header: "Project",
            nowrap: true,
            cell: (entry) => <Text size="sm">{entry.project ?? "—"}</Text>,
          },
          {
            header: "From",
            cell: (entry) => (
              <Text size="sm" c="dimmed">
                {entry.ipAddress ?? "—"}
              </Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function AuditPager({ entries, hasMore }: Pick<AuditView, "entries" | "hasMore">) {
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (entries.length) next.set("starting_after", entries[entries.length - 1]!.id);
  return (
    <Group justify="space-between">
      {params.get("starting_after") ? (
        <Button component={Link} to={`?${new URLSearchParams([...params].filter(([k]) => k !== "starting_after"))}`} variant="default">
          Newest
        </Button>
      ) : (
        <span />
      )}
      {hasMore ? (
        <Button component={Link} to={`?${next}`} variant="default">
          Older
        </Button>
      ) : null}
    </Group>
  );
}
