/** The catalogue's comparison table: every gateway's fees on one example order, delivery and reach. */
import { Anchor, Box, Card, Group, Table, Text, Title } from "@mantine/core";
import { GATEWAYS, cryptoRoute, formatDelivery, gatewayFees } from "~/gateways/catalogue";
import { GatewayMark, feeSummary, formatFiat, formatFiatExact } from "~/gateways/gateway-ui";
import { ScrollShadow } from "~/ui/scroll-shadow";

/** The example everyone supports, so the "fees on" column compares like with like. */
const EXAMPLE = { fiat: "USD", fiatAmount: 100, crypto: "ETH", network: "ethereum" } as const;

export function AtAGlance() {
  return (
    <Card withBorder padding="lg">
      <Title order={3} size="h4" mb={4}>
        At a glance
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Quotes are ranked by the crypto the buyer receives after every fee, so the cheapest gateway depends on the amount, the asset and the network. The
        example: {formatFiat(EXAMPLE.fiatAmount, EXAMPLE.fiat)} of {EXAMPLE.crypto} on Ethereum.
      </Text>
      <ScrollShadow minWidth={320}>
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
      </ScrollShadow>
    </Card>
  );
}
