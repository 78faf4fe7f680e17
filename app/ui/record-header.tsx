import { Anchor, Code, Group } from "@mantine/core";
import { Link } from "@remix-run/react";
import { IconArrowLeft } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";
import { PageHeader } from "./page-header";

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

/**
 * The top of a record's page (session, order, customer): back to its list, the title, the
 * record's id with a copy button (support agents paste ids into tickets), and actions.
 */
export function RecordHeader({
  back,
  title,
  id,
  noun,
  actions,
}: {
  back: { to: string; label: string };
  title: string;
  id: string;
  /** "order" → test id `order-id` and the copy button's "Copy order ID". */
  noun: string;
  actions?: ReactNode;
}) {
  return (
    <>
      <BackLink {...back} />
      <PageHeader
        title={title}
        description={
          <Group gap={6} component="span">
            <Code data-testid={`${noun}-id`}>{id}</Code>
            <CopyButton value={id} label={`Copy ${noun} ID`} />
          </Group>
        }
        actions={actions}
      />
    </>
  );
}
