import { BarChart, DonutChart, FunnelChart } from "@mantine/charts";
import { Box, Card, Group, LoadingOverlay, Progress, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { useMediaQuery } from "@mantine/hooks";
import { useState, type ReactNode } from "react";
import { TableHead } from "~/ui/data-table";
import { ScrollShadow } from "~/ui/scroll-shadow";
import type { OverviewCharts } from "./overview.server";
import { OVERVIEW_RANGES } from "./ranges";

const STATUS_COLORS: Record<string, string> = {
  pending: "gray.5",
  confirmed: "blue.4",
  processing: "cyan.6",
  completed: "teal.6",
  expired: "yellow.6",
  cancelled: "gray.7",
  failed: "red.6",
};

const number = new Intl.NumberFormat("en-US");
const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11-22" → "22 Nov", "2026-11-22T14" → "14:00" (UTC, same on server and client). */
function bucketLabel(bucket: string, unit: "hour" | "day") {
  if (unit === "hour") return `${bucket.slice(11, 13)}:00`;
  return `${Number(bucket.slice(8, 10))} ${MONTHS[Number(bucket.slice(5, 7)) - 1]}`;
}

/** Every `step`-th bucket is labelled, so ticks fall at regular intervals (about 8 across the chart). */
function tickInterval(buckets: number, unit: "hour" | "day", narrow: boolean) {
  if (unit === "hour") return narrow ? 5 : 2;
  if (buckets <= 7) return narrow ? 1 : 0;
  if (buckets <= 31) return narrow ? 6 : 3;
  return narrow ? 14 : 6;
}

/** The currency charted first: the one with the most volume in the range. */
function largestCurrency(charts: OverviewCharts) {
  const totals = charts.fiatCurrencies.map((c) => ({ c, total: charts.volume.reduce((sum, row) => sum + Number(row[c] ?? 0), 0) }));
  return totals.sort((a, b) => b.total - a.total)[0]?.c ?? null;
}

/**
 * Fiat volume, one currency at a time (amounts in different currencies do not add up), picked
 * with a selector that lists each currency's total.
 */
function VolumeCard({ charts, rangeLabel }: { charts: OverviewCharts; rangeLabel: string }) {
  const [chosen, setChosen] = useState<string | null>(null);
  // Fewer labels on a phone, still evenly spaced.
  const narrow = useMediaQuery("(max-width: 36em)") ?? false;
  const currency = chosen && charts.fiatCurrencies.includes(chosen) ? chosen : largestCurrency(charts);
  // Buys and sells stacked: a bar is the bucket's whole volume, its orange top what sells paid out.
  const volume = charts.volume.map((row, i) => {
    const all = currency ? Number(row[currency] ?? 0) : 0;
    const sell = currency ? Number(charts.sellVolume[i]?.[currency] ?? 0) : 0;
    return { label: bucketLabel(String(row.bucket), charts.unit), buy: Math.round((all - sell) * 100) / 100, sell };
  });
  const buyTotal = volume.reduce((sum, row) => sum + row.buy, 0);
  const sellTotal = volume.reduce((sum, row) => sum + row.sell, 0);
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="md">
        <div>
          <Title order={5} mb={4}>
            Fiat volume of completed orders, buy and sell, per {charts.unit} (UTC)
          </Title>
          <Text size="xs" c="dimmed">
            {currency
              ? `${money.format(buyTotal + sellTotal)} ${currency} in the last ${rangeLabel}: ${money.format(buyTotal)} bought, ${money.format(sellTotal)} sold. One currency at a time: amounts in different currencies don't add up.`
              : null}
          </Text>
        </div>
        {charts.fiatCurrencies.length > 1 ? (
          <Select
            aria-label="Currency"
            data-testid="volume-currency"
            data={charts.fiatCurrencies}
            value={currency}
            onChange={(value) => value && setChosen(value)}
            allowDeselect={false}
            w={110}
            comboboxProps={{ withinPortal: true }}
          />
        ) : null}
      </Group>
      {!currency ? (
        <Empty>{`No completed orders in the last ${rangeLabel}.`}</Empty>
      ) : (
        <BarChart
          h={260}
          data={volume}
          dataKey="label"
          type="stacked"
          withLegend
          legendProps={{ verticalAlign: "bottom", height: 40 }}
          series={[
            { name: "buy", label: `Buy (${currency})`, color: "indigo.6" },
            { name: "sell", label: `Sell (${currency})`, color: "orange.6" },
          ]}
          valueFormatter={(v) => `${money.format(v)} ${currency}`}
          tickLine="none"
          gridAxis="y"
          xAxisProps={{ interval: tickInterval(volume.length, charts.unit, narrow) }}
          yAxisProps={{ tickCount: 5, allowDecimals: false, width: 72, tickFormatter: (v: number) => money.format(v) }}
          data-testid="volume-chart"
        />
      )}
    </Card>
  );
}

/** One chart of the grid under its heading, or a line saying there is nothing to chart. */
function ChartCard({ title, empty, children }: { title: string; empty: string | null; children: ReactNode }) {
  return (
    <Card withBorder padding="lg">
      <Title order={5} mb="md">
        {title}
      </Title>
      {empty !== null ? <Empty>{empty}</Empty> : children}
    </Card>
  );
}

function Empty({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed" py="xl" ta="center">
      {children}
    </Text>
  );
}

export function OverviewChartsPanel({ charts }: { charts: OverviewCharts }) {
  const navigate = useNavigate();
  const location = useLocation();
  const navigation = useNavigation();
  const rangeLabel = OVERVIEW_RANGES.find((r) => r.value === charts.range)!.label;
  const noData = charts.totals.sessions === 0 && charts.totals.orders === 0;
  // A range switch reloads the page's data: veil the charts meanwhile, so old numbers never pass for new ones.
  const switching = navigation.state === "loading" && navigation.location.pathname === location.pathname;
  return (
    <Stack gap="md" data-testid="overview-charts" aria-busy={switching} pos="relative">
      <LoadingOverlay visible={switching} zIndex={10} overlayProps={{ blur: 1 }} loaderProps={{ size: "sm" }} />
      <Group justify="space-between" wrap="wrap">
        <Title order={3}>Activity</Title>
        <SegmentedControl
          aria-label="Time range"
          data-testid="range-control"
          value={charts.range}
          data={OVERVIEW_RANGES.map((r) => ({ value: r.value, label: r.label }))}
          onChange={(value) => {
            const params = new URLSearchParams(location.search);
            params.set("range", value);
            navigate(`?${params.toString()}`, { preventScrollReset: true });
          }}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        {charts.funnel.map((stage) => (
          <Card withBorder padding="md" key={stage.stage}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {stage.stage} · {rangeLabel}
            </Text>
            <Text fz={26} fw={700} data-testid={`total-${stage.stage.toLowerCase()}`}>
              {number.format(stage.count)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <VolumeCard charts={charts} rangeLabel={rangeLabel} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ChartCard title="Sessions by status" empty={charts.sessionsByStatus.length === 0 ? `No sessions in the last ${rangeLabel}.` : null}>
          <Group wrap="nowrap" align="center" gap="lg">
            {/* The legend beside it carries the same numbers as text. */}
            <Box aria-hidden>
              <DonutChart
                size={160}
                thickness={26}
                data={charts.sessionsByStatus.map((s) => ({ name: s.status, value: s.sessions, color: STATUS_COLORS[s.status] ?? "gray.5" }))}
                tooltipDataSource="segment"
                pieProps={{ rootTabIndex: -1 }}
                chartLabel={number.format(charts.totals.sessions)}
              />
            </Box>
            <Stack gap={4} data-testid="status-legend">
              {charts.sessionsByStatus.map((s) => (
                <Group key={s.status} gap={6} wrap="nowrap">
                  <span
                    aria-hidden
                    style={{
                      width: 10,
                      height: 10,
                      borderRadius: 2,
                      background: `var(--mantine-color-${(STATUS_COLORS[s.status] ?? "gray.5").replace(".", "-")})`,
                    }}
                  />
                  <Text size="sm">
                    {s.status}{" "}
                    <Text span c="dimmed" size="sm">
                      {number.format(s.sessions)}
                    </Text>
                  </Text>
                </Group>
              ))}
            </Stack>
          </Group>
        </ChartCard>
        <ChartCard title="Funnel: sessions → orders → completed" empty={noData ? `Nothing in the last ${rangeLabel}.` : null}>
          <Group wrap="nowrap" gap="lg" align="center">
            <Box aria-hidden>
              <FunnelChart
                size={160}
                data={charts.funnel.map((s, i) => ({ name: s.stage, value: s.count, color: ["indigo.4", "indigo.6", "teal.6"][i]! }))}
                withTooltip
              />
            </Box>
            <Stack gap={6}>
              {charts.funnel.map((s, i) => (
                <Text size="sm" key={s.stage}>
                  {s.stage}: <b>{number.format(s.count)}</b>
                  {i > 0 && charts.funnel[i - 1]!.count ? (
                    <Text span c="dimmed" size="sm">
                      {" "}
                      ({percent.format(s.count / charts.funnel[i - 1]!.count)} of {charts.funnel[i - 1]!.stage.toLowerCase()})
                    </Text>
                  ) : null}
                </Text>
              ))}
            </Stack>
          </Group>
        </ChartCard>
        <ChartCard title="Gateways: share and success rate" empty={charts.gateways.length === 0 ? `No orders in the last ${rangeLabel}.` : null}>
          <ScrollShadow minWidth={340} fitContent>
            <Table verticalSpacing={6} data-testid="gateway-table">
              <TableHead headers={["Gateway", "Orders", "Share", "Success"]} />
              <Table.Tbody>
                {charts.gateways.map((g) => (
                  <Table.Tr key={g.gateway}>
                    <Table.Td>{g.name}</Table.Td>
                    <Table.Td>{number.format(g.orders)}</Table.Td>
                    <Table.Td miw={110}>
                      <Group gap={6} wrap="nowrap">
                        <Progress value={g.share * 100} w={60} size="sm" aria-label={`${g.name} share`} />
                        <Text size="xs">{percent.format(g.share)}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title="Completed among orders that finished (completed, failed, expired or refunded)">
                        {g.successRate === null ? "—" : percent.format(g.successRate)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollShadow>
        </ChartCard>
        <ChartCard
          title="Top destination currencies (sessions)"
          empty={charts.topDestinationCurrencies.length === 0 ? `No sessions with a currency in the last ${rangeLabel}.` : null}
        >
          <BarChart
            h={220}
            data={charts.topDestinationCurrencies}
            dataKey="currency"
            orientation="vertical"
            yAxisProps={{ width: 56 }}
            series={[{ name: "sessions", color: "indigo.6" }]}
            valueFormatter={(v) => number.format(v)}
            gridAxis="x"
            data-testid="currency-chart"
          />
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}
