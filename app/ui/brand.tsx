import { Group, Text, ThemeIcon } from "@mantine/core";
import { IconBolt } from "@tabler/icons-react";

export function BrandMark({ size = "md" }: { size?: "sm" | "md" | "lg" }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={size === "lg" ? 36 : 28} radius="md" variant="gradient" gradient={{ from: "indigo", to: "violet" }}>
        <IconBolt size={size === "lg" ? 22 : 18} />
      </ThemeIcon>
      <Text fw={700} fz={size === "lg" ? "xl" : "md"}>
        Ramp
      </Text>
    </Group>
  );
}
