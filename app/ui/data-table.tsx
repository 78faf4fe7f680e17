import { Anchor, Table, Text, type MantineBreakpoint, type MantineSpacing, type TableTrProps } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { networkById } from "~/gateways/catalogue";
import classes from "./data-table.module.css";
import { ScrollShadow } from "./scroll-shadow";
import { StatusBadge, TradeTypeBadge } from "./status-badge";
import { Timestamp } from "./timestamp";

/** One column of a DataTable: its header and how a row fills its cell. */
export interface Column<Row> {
  /** Empty for a column of row actions. */
  header?: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Hide the whole column below this breakpoint. */
  visibleFrom?: MantineBreakpoint;
  /** Cap the cell width (long URLs, error messages). */
  maw?: number;
  /** Keep this column's cells on one line in a table that otherwise wraps. */
  nowrap?: boolean;
}

interface DataTableProps<Row> {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  minWidth: number;
  testId?: string;
  rowTestId?: string;
  /** Extra attributes of a row (`data-*` for tests, a click handler). */
  rowProps?: (row: Row) => Omit<TableTrProps, "children"> & Record<`data-${string}`, string | undefined>;
  empty?: ReactNode;
  highlightOnHover?: boolean;
  /** Keep every cell on one line (the table scrolls instead). */
  nowrap?: boolean;
  verticalSpacing?: MantineSpacing;
  horizontalSpacing?: MantineSpacing;
}

/**
 * The console's table: horizontally scrollable below `minWidth`, one row per record keyed by
 * its id, and (when given) `empty` in place of the table when there are no rows. Paging and
 * filter messages stay with the caller (ListCard, or a keyset Pager under it).
 */
export function DataTable<Row extends { id: string }>({
  rows,
  columns,
  minWidth,
  testId,
  rowTestId,
  rowProps,
  empty,
  highlightOnHover = false,
  nowrap = true,
  verticalSpacing = "xs",
  horizontalSpacing,
}: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <ScrollShadow minWidth={minWidth} fitContent={nowrap}>
      <Table
        verticalSpacing={verticalSpacing}
        horizontalSpacing={horizontalSpacing}
        highlightOnHover={highlightOnHover}
        style={nowrap ? { whiteSpace: "nowrap" } : undefined}
        data-testid={testId}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, i) => (
              <Table.Th key={i} visibleFrom={column.visibleFrom}>
                {column.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-testid={rowTestId} {...rowProps?.(row)}>
              {columns.map((column, i) => (
                <Table.Td key={i} visibleFrom={column.visibleFrom} maw={column.maw} style={column.nowrap ? { whiteSpace: "nowrap" } : undefined}>
                  {column.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollShadow>
  );
}

/** The record's id in monospace, linking to its page under `path` (the list's URL); cut short on a phone. */
export function idColumn<Row extends { id: string }>(header: string, path: string): Column<Row> {
  return {
    header,
    cell: (row) => (
      <Anchor component={Link} to={`${path}/${row.id}`} ff="monospace" size="sm" className={classes.id} title={row.id}>
        {row.id}
      </Anchor>
    ),
  };
}

/** When the record was created, dimmed (it matters less than the rest of the row): relative, exact on hover. */
export function createdColumn<Row extends { createdAt: string }>(header = "Created", visibleFrom?: MantineBreakpoint): Column<Row> {
  return {
    header,
    visibleFrom,
    nowrap: true,
    cell: (row) => <Timestamp iso={row.createdAt} dimmed />,
  };
}

/**
 * A table of sessions or orders: the id linking to the record's page under `path`, its status,
 * `columns`, and when it was created (hidden below `createdFrom` when given).
 */
export function RecordTable<Row extends { id: string; status: string; createdAt: string }>({
  idHeader,
  path,
  createdFrom,
  columns,
  ...table
}: DataTableProps<Row> & { idHeader: string; path: string; createdFrom?: MantineBreakpoint }) {
  const status: Column<Row> = { header: "Status", cell: (row) => <StatusBadge status={row.status} /> };
  return <DataTable {...table} columns={[idColumn(idHeader, path), status, ...columns, createdColumn("Created", createdFrom)]} />;
}

/** A session's fiat amount; "open" (dimmed) when the customer chooses it in the checkout. */
export function SessionAmount({ amount, currency }: { amount: string | null; currency: string | null }) {
  if (amount) return <>{`${amount} ${currency ?? ""}`.trim()}</>;
  return (
    <Text span c="dimmed" size="sm" title="The customer enters the amount in the checkout">
      open
    </Text>
  );
}

/**
 * A crypto amount and the network it is sent on, dimmed ("USDC on Polygon"); just the amount without a network.
 * `stacked`: the network on a line of its own under the amount, for a wide table that must not scroll at 1440 px.
 */
export function OnNetwork({ network, stacked = false, children }: { network: string | null; stacked?: boolean; children: ReactNode }) {
  return (
    <>
      {children}
      {network ? (
        <>
          {" "}
          <Text span c="dimmed" size="xs" display={stacked ? "block" : undefined}>
            on {networkById(network)?.name ?? network}
          </Text>
        </>
      ) : null}
    </>
  );
}

/** What a session row needs for its trade columns: a sell's source is the crypto sold, a buy's destination the crypto bought. */
interface TradeSessionRow {
  type: string;
  sourceAmount: string | null;
  sourceCurrency: string | null;
  destinationCurrency: string | null;
  network: string | null;
}

/**
 * A session's Type (Buy/Sell), Amount (what the customer gives) and For (what they get), the network beside the
 * crypto side: one definition for the sessions list and the overview's recent sessions, so a sell never reads as a buy.
 */
export function sessionTradeColumns<Row extends TradeSessionRow>(): Column<Row>[] {
  const sell = (s: Row) => s.type === "offramp";
  return [
    { header: "Type", cell: (s) => <TradeTypeBadge sell={sell(s)} /> },
    {
      header: "Amount",
      cell: (s) =>
        sell(s) ? (
          <OnNetwork network={s.network}>
            <SessionAmount amount={s.sourceAmount} currency={s.sourceCurrency} />
          </OnNetwork>
        ) : (
          <SessionAmount amount={s.sourceAmount} currency={s.sourceCurrency} />
        ),
    },
    {
      header: "For",
      cell: (s) => (sell(s) ? (s.destinationCurrency ?? "—") : <OnNetwork network={s.network}>{s.destinationCurrency ?? "—"}</OnNetwork>),
    },
  ];
}

/** The header row of a hand-built table. */
export function TableHead({ headers }: { headers: string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {headers.map((header) => (
          <Table.Th key={header}>{header}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
