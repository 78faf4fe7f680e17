import { Button, Group, Select } from "@mantine/core";
import { DatePickerInput, type DatesRangeValue } from "@mantine/dates";
import { Link, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { IconCalendar, IconFilterOff } from "@tabler/icons-react";

interface FilterOptions {
  statuses: readonly string[];
  currencies: readonly string[];
  networks: readonly { id: string; name: string }[];
}

const PAGE_SIZES = ["10", "25", "50", "100"];
const DAY_SECONDS = 86_400;

const utcDay = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
const dayStartSeconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

/** The created range shown in the picker, as UTC days (created[gte] … created[lt] − 1 s). */
function createdDays(params: URLSearchParams): [string | null, string | null] {
  const from = params.get("created[gte]") ?? params.get("created[gt]");
  const lt = params.get("created[lt]");
  const lte = params.get("created[lte]");
  const to = lt ? Number(lt) - 1 : lte ? Number(lte) : null;
  return [from && /^\d+$/.test(from) ? utcDay(Number(from)) : null, to !== null && Number.isFinite(to) ? utcDay(to) : null];
}

/**
 * The list API's filters as controls. Every change navigates to a URL with the API's own
 * parameter names and no cursor (a new filter starts at the first page), so the address bar
 * always reproduces the view and back/forward step through filter changes.
 */
export function ListFilters({ options, pathname }: { options: FilterOptions; pathname?: string }) {
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const params = new URLSearchParams(location.search);
  const target = pathname ?? location.pathname;

  function apply(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    next.delete("starting_after");
    next.delete("ending_before");
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(name);
      else next.set(name, value);
    }
    if (next.get("limit") === "10") next.delete("limit");
    const query = next.toString();
    navigate(`${target}${query ? `?${query}` : ""}`);
  }

  function applyDates([from, to]: DatesRangeValue<string>) {
    // A half-chosen range waits for its end; a cleared one drops both bounds.
    if (from && !to) return;
    apply({
      "created[gte]": from ? String(dayStartSeconds(from)) : null,
      "created[lt]": to ? String(dayStartSeconds(to) + DAY_SECONDS) : null,
      "created[gt]": null,
      "created[lte]": null,
      created: null,
    });
  }

  const filtered = ["status", "destination_currency", "destination_network", "created[gte]", "created[gt]", "created[lt]", "created[lte]", "created"].some(
    (n) => params.get(n),
  );
  const busy = navigation.state === "loading";
  const selects = [
    {
      name: "status",
      label: "Status",
      placeholder: "Any status",
      w: 160,
      data: options.statuses.map((s) => ({ value: s, label: s })),
      value: params.get("status") || null,
    },
    {
      name: "destination_currency",
      label: "Destination currency",
      placeholder: "Any currency",
      w: 180,
      data: [...options.currencies],
      value: params.get("destination_currency")?.toUpperCase() || null,
    },
    {
      name: "destination_network",
      label: "Destination network",
      placeholder: "Any network",
      w: 180,
      data: options.networks.map((n) => ({ value: n.id, label: n.name })),
      value: params.get("destination_network")?.toLowerCase() || null,
    },
  ];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="list-filters" aria-busy={busy}>
      {selects.map((select) => (
        <Select
          key={select.name}
          label={select.label}
          placeholder={select.placeholder}
          data={select.data}
          value={select.value}
          onChange={(value) => apply({ [select.name]: value })}
          clearable
          w={select.w}
          comboboxProps={{ withinPortal: true }}
        />
      ))}
      <DatePickerInput
        type="range"
        label="Created (UTC days)"
        placeholder="Any date"
        value={createdDays(params)}
        onChange={applyDates}
        clearable
        allowSingleDateInRange
        leftSection={<IconCalendar size={16} />}
        valueFormat="D MMM YYYY"
        w={260}
        popoverProps={{ withinPortal: true }}
      />
      <Select
        label="Per page"
        data={PAGE_SIZES}
        value={params.get("limit") || "10"}
        onChange={(value) => apply({ limit: value })}
        allowDeselect={false}
        w={100}
        comboboxProps={{ withinPortal: true }}
      />
      {filtered ? (
        <Button component={Link} to={target} variant="subtle" leftSection={<IconFilterOff size={16} />}>
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
}
