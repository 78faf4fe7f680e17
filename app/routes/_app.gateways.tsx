import { Anchor, Badge, Box, Button, Card, Collapse, Divider, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { IconChevronDown, IconChevronUp } from "@tabler/icons-react";
import {
  COUNTRIES,
  CRYPTO_CURRENCIES,
  GATEWAYS,
  countryName,
  cryptoRoute,
  formatDelivery,
  gatewayFees,
  networkById,
  paymentMethodById,
  type Gateway,
} from "~/gateways/catalogue";
import { FeatureList, GatewayMark, SectionLabel, feeSummary, formatCrypto, formatFiat, formatFiatExact } from "~/gateways/gateway-ui";
import { requireOrganization } from "~/lib/permissions.server";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Gateway catalogue · Ramp" }];

/** The catalogue is static data shipped with the page; the loader only checks membership. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOrganization(request);
  return { organizationName: ctx.organization.name };
}

/** The example everyone supports, so the "fees on" column compares like with like. */
const EXAMPLE = { fiat: "USD", fiatAmount: 100, crypto: "ETH", network: "ethereum" } as const;

const ALL_COUNTRIES = Object.keys(COUNTRIES);

function CountryList({ gateway }: { gateway: Gateway }) {
  const [opened, { toggle }] = useDisclosure(false);
  const id = `${gateway.id}-countries`;
  // The notable absences (of the countries some other gateway serves) say more than the long list.
  const missing = ["US", "GB", "CA", "AU"].filter((c) => !(gateway.countries as readonly string[]).includes(c));
  const names = [...gateway.countries].map((c) => countryName(c)).sort((a, b) => a.localeCompare(b, "en"));
  return (
    <Box>
      <Group gap="xs" wrap="wrap">
        <Text size="sm">
          <Text span fw={600}>
            {gateway.countries.length}
          </Text>{" "}
          of {ALL_COUNTRIES.length} countries
        </Text>
        {missing.map((c) => (
          <Badge key={c} size="sm" variant="light" color="red" radius="sm" tt="none">
            Not in {countryName(c)}
          </Badge>
        ))}
        <Button
          variant="transparent"
          size="compact-xs"
          px={4}
          onClick={toggle}
          aria-expanded={opened}
          aria-controls={id}
          rightSection={opened ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
        >
          {opened ? "Hide list" : "Show list"}
        </Button>
      </Group>
      <Collapse in={opened}>
        <Text id={id} size="xs" c="dimmed" mt={6} data-testid={`${gateway.id}-country-list`} style={{ lineHeight: 1.7 }}>
          {names.join(" · ")}
        </Text>
      </Collapse>
    </Box>
  );
}

function CryptoLimits({ gateway }: { gateway: Gateway }) {
  const [opened, { toggle }] = useDisclosure(false);
  const id = `${gateway.id}-crypto-limits`;
  const byCrypto = CRYPTO_CURRENCIES.map((c) => ({ crypto: c, routes: gateway.cryptos.filter((r) => r.crypto === c.code) })).filter(
    (entry) => entry.routes.length > 0
  );
  return (
    <Box>
      <Stack gap={6}>
        {byCrypto.map(({ crypto, routes }) => (
          <Group key={crypto.code} gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" fw={600} w={44} style={{ flexShrink: 0 }}>
              {crypto.code}
            </Text>
            <Group gap={4} wrap="wrap">
              {routes.map((r) => (
                <Badge key={r.network} variant="default" radius="sm" tt="none" fw={500}>
                  {networkById(r.network)?.name ?? r.network}
                </Badge>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
      <Button
        mt={6}
        variant="transparent"
        size="compact-xs"
        px={0}
        onClick={toggle}
        aria-expanded={opened}
        aria-controls={id}
        rightSection={opened ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
      >
        {opened ? "Hide limits and network fees" : "Limits and network fees"}
      </Button>
      <Collapse in={opened}>
        <Table.ScrollContainer minWidth={380} type="native" mt={6} id={id}>
          <Table fz="xs" verticalSpacing={4} withTableBorder striped style={{ whiteSpace: "nowrap" }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Asset</Table.Th>
                <Table.Th>Network</Table.Th>
                <Table.Th ta="right">Min</Table.Th>
                <Table.Th ta="right">Max</Table.Th>
                <Table.Th ta="right">Network fee</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {gateway.cryptos.map((r) => (
                <Table.Tr key={`${r.crypto}/${r.network}`}>
                  <Table.Td fw={600}>{r.crypto}</Table.Td>
                  <Table.Td>{networkById(r.network)?.name ?? r.network}</Table.Td>
                  <Table.Td ta="right">{formatCrypto(r.min)}</Table.Td>
                  <Table.Td ta="right">{formatCrypto(r.max)}</Table.Td>
                  <Table.Td ta="right">{formatFiatExact(gateway.networkFeeUsd[r.network] ?? 0, "USD")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Collapse>
    </Box>
  );
}

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

function GatewayCard({ gateway }: { gateway: Gateway }) {
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

function AtAGlance() {
  return (
    <Card withBorder padding="lg">
      <Title order={3} size="h4" mb={4}>
        At a glance
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Quotes are ranked by the crypto the buyer receives after every fee, so the cheapest gateway depends on the amount, the asset and the
        network. The example: {formatFiat(EXAMPLE.fiatAmount, EXAMPLE.fiat)} of {EXAMPLE.crypto} on Ethereum.
      </Text>
      <Table.ScrollContainer minWidth={320} type="native">
        <Table verticalSpacing="sm" highlightOnHover style={{ whiteSpace: "nowrap" }} data-testid="catalogue-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Gateway</Table.Th>
              <Table.Th visibleFrom="sm">Fee</Table.Th>
              <Table.Th ta="right">Fees on {formatFiat(EXAMPLE.fiatAmount, EXAMPLE.fiat)}</Table.Th>
              <Table.Th>Delivery</Table.Th>
              <Table.Th ta="right" visibleFrom="md">
                Countries
              </Table.Th>
              <Table.Th visibleFrom="md">Fiat</Table.Th>
              <Table.Th visibleFrom="md">Checkout</Table.Th>
              <Table.Th visibleFrom="md">KYC</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {GATEWAYS.map((g) => {
              const supported = cryptoRoute(g, EXAMPLE.crypto, EXAMPLE.network);
              const fees = gatewayFees(g, EXAMPLE);
              return (
                <Table.Tr key={g.id}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Box visibleFrom="sm" style={{ lineHeight: 0 }}>
                        <GatewayMark gateway={g} size={28} />
                      </Box>
                      <Anchor href={`#${g.id}`} fw={600} size="sm">
                        {g.name}
                      </Anchor>
                    </Group>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{feeSummary(g)}</Table.Td>
                  <Table.Td ta="right">
                    {supported ? (
                      <>
                        {formatFiatExact(fees.totalFee, EXAMPLE.fiat)}
                        <Text span size="xs" c="dimmed" visibleFrom="sm">
                          {" "}
                          incl. {formatFiatExact(fees.networkFee, EXAMPLE.fiat)} network
                        </Text>
                      </>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td>{formatDelivery(g)}</Table.Td>
                  <Table.Td ta="right" visibleFrom="md">
                    {g.countries.length}
                  </Table.Td>
                  <Table.Td visibleFrom="md">{g.fiats.map((f) => f.code).join(", ")}</Table.Td>
                  <Table.Td visibleFrom="md">{g.checkoutMethod === "iframe" ? "Embedded" : "Redirect"}</Table.Td>
                  <Table.Td visibleFrom="md">{g.features.kycHandledByProvider ? "Gateway" : "Checkout"}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

export default function GatewayCatalogue() {
  useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Gateway catalogue"
        description="The payment gateways the platform routes orders to. Each project chooses which ones to use, in what order, separately for test and live mode. In test mode every gateway is simulated by the sandbox."
      />
      <AtAGlance />
      {GATEWAYS.map((g) => (
        <GatewayCard key={g.id} gateway={g} />
      ))}
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
