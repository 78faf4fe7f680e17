import { Box, SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";

export interface Field {
  label: string;
  value: ReactNode;
}

/** Label/value pairs in a responsive grid; empty values read "—" rather than vanish. */
export function FieldList({ fields, cols = 2, testId }: { fields: Field[]; cols?: number; testId?: string }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: cols }} spacing="md" verticalSpacing="sm" data-testid={testId}>
      {fields.map((f) => (
        <Box key={f.label} miw={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {f.label}
          </Text>
          <Box fz="sm" style={{ overflowWrap: "anywhere" }}>
            {f.value === null || f.value === undefined || f.value === "" ? (
              <Text span c="dimmed" size="sm">
                —
              </Text>
            ) : (
              f.value
            )}
          </Box>
        </Box>
      ))}
    </SimpleGrid>
  );
}
