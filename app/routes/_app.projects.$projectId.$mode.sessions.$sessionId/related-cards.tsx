/** The session's order and customer, beside its timeline. */
import { Anchor, Group, Stack, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { SectionCard } from "~/ui/section-card";
import { StatusBadge } from "~/ui/status-badge";
import type { SessionView } from "./route";

export function SessionOrderCard({ order, base }: { order: SessionView["order"]; base: string }) {
  return (
    <SectionCard title="Order" gap="xs">
      {order ? (
        <Stack gap={4}>
          <Anchor component={Link} to={`${base}/orders/${order.id}`} ff="monospace" size="sm" data-testid="session-order">
            {order.id}
          </Anchor>
          <Group gap="xs">
            <StatusBadge status={order.status} />
            <Text size="sm">via {order.gateway}</Text>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No order yet: the customer hasn't paid with a gateway.
        </Text>
      )}
    </SectionCard>
  );
}

export function SessionCustomerCard({ customer, base }: { customer: SessionView["customer"]; base: string }) {
  return (
    <SectionCard title="Customer" gap="xs">
      {customer ? (
        <Stack gap={4}>
          <Anchor component={Link} to={`${base}/customers/${customer.id}`} ff="monospace" size="sm" data-testid="session-customer">
            {customer.id}
          </Anchor>
          {customer.externalId ? <Text size="sm">Your id: {customer.externalId}</Text> : null}
          {customer.email ? <Text size="sm">{customer.email}</Text> : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Unknown customer.
        </Text>
      )}
    </SectionCard>
  );
}
