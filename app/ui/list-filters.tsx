import { CREATED_FILTERS, FilterBar, FilterCreatedRange, FilterPageSize, FilterSelect } from "./filter-bar";

interface FilterOptions {
  statuses: readonly string[];
  types: readonly string[];
  typeLabels: Record<string, string>;
  currencies: readonly string[];
  networks: readonly { id: string; name: string }[];
}

const FILTERS = ["status", "type", "destination_currency", "destination_network", ...CREATED_FILTERS];

/** The list API's filters of sessions and orders, in the console's one filter bar. */
export function ListFilters({ options, pathname }: { options: FilterOptions; pathname?: string }) {
  return (
    <div data-testid="list-filters">
      <FilterBar filters={FILTERS} pathname={pathname}>
        <FilterSelect name="status" label="Status" placeholder="Any status" w={160} data={options.statuses.map((s) => ({ value: s, label: s }))} />
        <FilterSelect
          name="type"
          label="Type"
          placeholder="Buy and sell"
          w={140}
          data={options.types.map((t) => ({ value: t, label: options.typeLabels[t] ?? t }))}
          normalize={(v) => v.toLowerCase()}
        />
        <FilterSelect
          name="destination_currency"
          label="Destination currency"
          placeholder="Any currency"
          data={[...options.currencies]}
          normalize={(v) => v.toUpperCase()}
        />
        <FilterSelect
          name="destination_network"
          label="Destination network"
          placeholder="Any network"
          data={options.networks.map((n) => ({ value: n.id, label: n.name }))}
          normalize={(v) => v.toLowerCase()}
        />
        <FilterCreatedRange />
        <FilterPageSize />
      </FilterBar>
    </div>
  );
}
