/** The session's field locks: which checkout fields the partner fixed or bounded. */
import { Badge, Code, Table, Text } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { TableHead } from "~/ui/data-table";
import { SectionCard } from "~/ui/section-card";
import type { SessionView } from "./route";
import { ScrollShadow } from "~/ui/scroll-shadow";

export function FieldLocksCard({ fieldLocks }: { fieldLocks: SessionView["session"]["fieldLocks"] }) {
  const locks = Object.entries(fieldLocks ?? {});
  return (
    <SectionCard title="Field locks" gap="sm">
      {locks.length === 0 ? (
        <Text size="sm" c="dimmed">
          No field is locked: the customer may change every field in checkout.
        </Text>
      ) : (
        <ScrollShadow minWidth={360}>
          <Table data-testid="field-locks">
            <TableHead headers={["Field", "Locked", "Min", "Max"]} />
            <Table.Tbody>
              {locks.map(([field, lock]) => (
                <Table.Tr key={field}>
                  <Table.Td>
                    <Code>{field}</Code>
                  </Table.Td>
                  <Table.Td>
                    {lock.locked ? (
                      <Badge variant="light" color="gray" leftSection={<IconLock size={12} />} tt="none">
                        locked
                      </Badge>
                    ) : (
                      "no"
                    )}
                  </Table.Td>
                  <Table.Td>{lock.min ?? "—"}</Table.Td>
                  <Table.Td>{lock.max ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollShadow>
      )}
    </SectionCard>
  );
}
