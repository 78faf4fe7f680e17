import { Box, Code, Group, Text } from "@mantine/core";
import { Fragment, type ReactNode } from "react";
import { CopyButton } from "./copy-button";

/**
 * Read-only JSON, indented, with keys, strings and numbers told apart by colour (the
 * Mantine palette's light variants, which adapt to dark mode). Empty objects say so.
 */
export function JsonViewer({ value, label, testId }: { value: unknown; label: string; testId?: string }) {
  const empty = value === null || value === undefined || (typeof value === "object" && Object.keys(value as object).length === 0);
  return (
    <Box data-testid={testId}>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        {empty ? null : <CopyButton value={JSON.stringify(value, null, 2)} label={`Copy ${label}`} />}
      </Group>
      {empty ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Code block fz="xs" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
          {render(value, 0)}
        </Code>
      )}
    </Box>
  );
}

const KEY = "var(--mantine-color-blue-light-color)";
const STRING = "var(--mantine-color-teal-light-color)";
const OTHER = "var(--mantine-color-grape-light-color)";

function render(value: unknown, depth: number): ReactNode {
  const pad = "  ".repeat(depth + 1);
  const close = "  ".repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return (
      <>
        {"[\n"}
        {value.map((item, i) => (
          <Fragment key={i}>
            {pad}
            {render(item, depth + 1)}
            {i < value.length - 1 ? ",\n" : "\n"}
          </Fragment>
        ))}
        {close}]
      </>
    );
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return (
      <>
        {"{\n"}
        {entries.map(([k, v], i) => (
          <Fragment key={k}>
            {pad}
            <span style={{ color: KEY }}>{JSON.stringify(k)}</span>
            {": "}
            {render(v, depth + 1)}
            {i < entries.length - 1 ? ",\n" : "\n"}
          </Fragment>
        ))}
        {close}
        {"}"}
      </>
    );
  }
  return <span style={{ color: typeof value === "string" ? STRING : OTHER }}>{JSON.stringify(value)}</span>;
}
