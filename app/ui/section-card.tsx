import { Card, Title, type MantineSpacing } from "@mantine/core";
import type { ReactNode } from "react";

/** A bordered section of a page under its heading (`gap` below the heading). */
export function SectionCard({ title, gap = "md", children }: { title: ReactNode; gap?: MantineSpacing; children: ReactNode }) {
  return (
    <Card withBorder padding="lg">
      <Title order={4} mb={gap}>
        {title}
      </Title>
      {children}
    </Card>
  );
}
