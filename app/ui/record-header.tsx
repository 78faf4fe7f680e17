import { Anchor, Code, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { IconArrowLeft } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";
import { StatusBadge } from "./status-badge";

/** A link back to the list a record page was opened from. */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} /> {label}
      </Group>
    </Anchor>
  );
}

/** One fact beside a record's title: a dimmed label over its value. */
export interface HeaderFact {
  label: string;
  value: ReactNode;
}

/**
 * The top of a record's page (session, order, customer), led by what matters as Stripe's
 * payment page is: what kind of record, its title (the amount) with its status beside it, then
 * its key facts (customer, what is bought) and its id with a copy button (support agents paste
 * ids into tickets); actions on the right.
 */
export function RecordHeader({
  back,
  kind,
  title,
  status,
  facts = [],
  id,
  noun,
  actions,
}: {
  back: { to: string; label: string };
  /** "Session", "Order": above the title, when the title is not the kind itself. */
  kind?: string;
  title: string;
  status?: string;
  facts?: HeaderFact[];
  id: string;
  /** "order" → test id `order-id` and the copy button's "Copy order ID". */
  noun: string;
  actions?: ReactNode;
}) {
  return (
    <Stack gap="sm" mb="xs">
      <BackLink {...back} />
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6} miw={0}>
          {kind ? (
            <Text size="sm" c="dimmed" fw={600}>
              {kind}
            </Text>
          ) : null}
          <Group gap="sm" align="center" wrap="wrap" data-testid={`${noun}-title`}>
            <Title order={2} style={{ overflowWrap: "anywhere" }}>
              {title}
            </Title>
            {status ? <StatusBadge status={status} size="lg" /> : null}
          </Group>
          <Group gap="lg" wrap="wrap" align="flex-start" data-testid={`${noun}-facts`}>
            {facts.map((fact) => (
              <Stack key={fact.label} gap={0} miw={0}>
                <Text size="xs" c="dimmed">
                  {fact.label}
                </Text>
                <Text size="sm" component="div" style={{ overflowWrap: "anywhere" }}>
                  {fact.value}
                </Text>
              </Stack>
            ))}
            <Stack gap={0} miw={0}>
              <Text size="xs" c="dimmed">
                ID
              </Text>
              <Group gap={4} wrap="nowrap">
                <Code data-testid={`${noun}-id`} style={{ overflowWrap: "anywhere" }}>
                  {id}
                </Code>
                <CopyButton value={id} label={`Copy ${noun} ID`} />
              </Group>
            </Stack>
          </Group>
        </Stack>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Group>
    </Stack>
  );
}
