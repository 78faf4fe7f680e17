/** The expandable parts of a catalogue card: the countries a gateway serves, and its assets with their limits and network fees. */
import { Badge, Box, Button, Collapse, Group, Stack, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChevronDown, IconChevronUp } from "@tabler/icons-react";
import { COUNTRIES, CRYPTO_CURRENCIES, countryName, networkById, type Gateway } from "~/gateways/catalogue";
import { formatCrypto, formatFiatExact } from "~/gateways/gateway-ui";
import { ScrollShadow } from "~/ui/scroll-shadow";

const ALL_COUNTRIES = Object.keys(COUNTRIES);

export function CountryList({ gateway }: { gateway: Gateway }) {
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

export function CryptoLimits({ gateway }: { gateway: Gateway }) {
  const [opened, { toggle }] = useDisclosure(false);
  const id = `${gateway.id}-crypto-limits`;
  const byCrypto = CRYPTO_CURRENCIES.map((c) => ({ crypto: c, routes: gateway.cryptos.filter((r) => r.crypto === c.code) })).filter(
    (entry) => entry.routes.length > 0,
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
        <Box mt={6} id={id}>
          <ScrollShadow minWidth={380}>
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
          </ScrollShadow>
        </Box>
      </Collapse>
    </Box>
  );
}
