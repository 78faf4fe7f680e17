/** One gateway of the catalogue: its fees, delivery, checkout and KYC at a glance, then features, currencies, methods, countries and assets. */
import { Badge, Box, Card, Divider, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { formatDelivery, paymentMethodById, type Gateway } from "~/gateways/catalogue";
import { FeatureList, GatewayMark, SectionLabel, feeSummary, formatFiat } from "~/gateways/gateway-ui";
import { CountryList, CryptoLimits } from "./gateway-details";

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Box>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="md">
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Box>
  );
}

export function GatewayCard({ gateway }: { gateway: Gateway }) {
  const fixed = Object.entries(gateway.fixedFee);
  return (
    <Card withBorder padding="lg" id={gateway.id} data-testid="gateway-card" component="article" aria-labelledby={`${gateway.id}-name`}>
      <Group wrap="nowrap" align="flex-start" gap="md">
        <GatewayMark gateway={gateway} size={44} />
        <Box style={{ minWidth: 0 }}>
          <Title order={3} id={`${gateway.id}-name`} size="h4">
            {gateway.name}
          </Title>
          <Text size="sm" c="dimmed">
            {gateway.description}
          </Text>
        </Box>
      </Group>

      <SimpleGrid cols={{ base: 2, sm: 4 }} mt="lg" spacing="md" verticalSpacing="sm">
        <Stat label="Gateway fee" value={feeSummary(gateway)} hint={`${gateway.spreadPercent}% rate margin`} />
        <Stat label="Delivery" value={formatDelivery(gateway)} hint="payment to wallet" />
        <Stat
          label="Checkout"
          value={gateway.checkoutMethod === "iframe" ? "Embedded" : "Redirect"}
          hint={gateway.checkoutMethod === "iframe" ? "in an iframe" : "to the gateway's page"}
        />
        <Stat
          label="KYC"
          value={gateway.features.kycHandledByProvider ? `By ${gateway.name}` : "By the checkout"}
          hint={gateway.features.kycHandledByProvider ? "buyer verifies with the gateway" : "before the order is placed"}
        />
      </SimpleGrid>

      <Divider my="md" />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="md">
        <Stack gap="md">
          <Box>
            <SectionLabel>Features</SectionLabel>
            <FeatureList features={gateway.features} />
          </Box>

          <Box>
            <SectionLabel>Fiat currencies · limits per order</SectionLabel>
            <Group gap={6} wrap="wrap">
              {gateway.fiats.map((f) => (
                <Badge key={f.code} variant="default" radius="sm" tt="none" size="lg" fw={500}>
                  <Text span fw={700} size="xs" mr={6}>
                    {f.code}
                  </Text>
                  <Text span size="xs">
                    {formatFiat(f.min, f.code)} – {formatFiat(f.max, f.code)}
                  </Text>
                </Badge>
              ))}
            </Group>
            {fixed.length ? (
              <Text size="xs" c="dimmed" mt={6}>
                Fixed fee per order: {fixed.map(([code, amount]) => formatFiat(amount!, code)).join(" · ")}
              </Text>
            ) : (
              <Text size="xs" c="dimmed" mt={6}>
                No fixed fee per order.
              </Text>
            )}
          </Box>

          <Box>
            <SectionLabel>Payment methods</SectionLabel>
            <Group gap={6} wrap="wrap">
              {gateway.paymentMethods.map((m) => (
                <Badge key={m} variant="default" radius="sm" tt="none" fw={500}>
                  {paymentMethodById(m)?.name ?? m}
                </Badge>
              ))}
            </Group>
          </Box>

          <Box>
            <SectionLabel>Countries</SectionLabel>
            <CountryList gateway={gateway} />
          </Box>
        </Stack>
        <Box>
          <SectionLabel>Crypto and networks</SectionLabel>
          <CryptoLimits gateway={gateway} />
        </Box>
      </SimpleGrid>
    </Card>
  );
}
