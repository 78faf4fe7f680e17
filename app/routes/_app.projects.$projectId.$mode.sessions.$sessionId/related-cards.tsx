/** The session's order and customer, beside its timeline. */
import { Anchor, Group, Stack, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { SectionCard } from "~/ui/section-card";
import { StatusBadge } from "~/ui/status-badge";
import type { SessionView } from "./route";

export function SessionOrderCard({ order, base }: { order: SessionView["order"]; base: string }) {
  return (
    <RelatedCard title="Order" path={`${base}/orders`} id={order?.id} testId="session-order" none="No order yet: the customer hasn't paid with a gateway.">
      {order ? (
        <Group gap="xs">
          <StatusBadge status={order.status} />
          <Text size="sm">via {order.gateway}</Text>
        </Group>
      ) : null}
    </RelatedCard>
  );
}

export function SessionCustomerCard({ customer, base }: { customer: SessionView["customer"]; base: string }) {
  return (
    <RelatedCard title="Customer" path={`${base}/customers`} id={customer?.id} testId="session-customer" none="Unknown customer.">
      {customer?.externalId ? <Text size="sm">Your customer ID: {customer.externalId}</Text> : null}
      {customer?.email ? <Text size="sm">{customer.email}</Text> : null}
    </RelatedCard>
  );
}

/** A related record: its id linking to its page, then what else it says; or a line saying there is none. */
function RelatedCard({
  title,
  path,
  id,
  testId,
  none,
  children,
}: {
  title: string;
  path: string;
  id: string | undefined;
  testId: string;
  none: string;
  children: ReactNode;
}) {
  return (
    <SectionCard title={title} gap="xs">
      {id ? (
        <Stack gap={4}>
          <Anchor component={Link} to={`${path}/${id}`} ff="monospace" size="sm" data-testid={testId}>
            {id}
          </Anchor>
          {children}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {none}
        </Text>
      )}
    </SectionCard>
  );
}
