/**
 * The one filter bar of every console list (sessions, orders, customers, events, deliveries,
 * the audit log): each control applies as you choose (a select or a date range on change, a
 * text field on Enter or when you leave it), by navigating to the list's URL with the filter
 * set and the cursor dropped, so the address bar reproduces the view and back/forward step
 * through filter changes. "Clear filters" shows while a filter is set.
 */
import { Button, Group, Select, TextInput, type ComboboxData } from "@mantine/core";
import { DatePickerInput, type DatesRangeValue } from "@mantine/dates";
import { Link, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { IconCalendar, IconFilterOff, IconSearch } from "@tabler/icons-react";
import { createContext, useContext, type ReactNode } from "react";

/** The keyset cursors of the list API (sessions, orders, customers, audit). */
export const LIST_CURSORS = ["starting_after", "ending_before"] as const;
/** The event and delivery logs' cursors. */
export const LOG_CURSORS = ["after", "before"] as const;

interface FilterBarState {
  params: URLSearchParams;
  apply: (changes: Record<string, string | null>) => void;
}

const FilterBarContext = createContext<FilterBarState | null>(null);

function useFilterBar() {
  const state = useContext(FilterBarContext);
  if (!state) throw new Error("A filter control belongs in a FilterBar.");
  return state;
}

export function FilterBar({
  filters,
  cursors = LIST_CURSORS,
  pathname,
  children,
}: {
  /** The parameters that filter (Clear filters drops them; the page size stays). */
  filters: readonly string[];
  cursors?: readonly string[];
  /** The list's path when it is not the page's own. */
  pathname?: string;
  children: ReactNode;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const params = new URLSearchParams(location.search);
  const target = pathname ?? location.pathname;
  // A choice made while an earlier one still loads builds on that one: the list's pending URL,
  // not the page still shown (else picking a page size right after a status drops the status).
  const pending = navigation.location?.pathname === target ? navigation.location : null;
  const base = pending ? new URLSearchParams(pending.search) : params;
  const href = (next: URLSearchParams) => {
    const query = next.toString();
    return `${target}${query ? `?${query}` : ""}`;
  };

  function apply(changes: Record<string, string | null>) {
    const next = new URLSearchParams(base);
    for (const cursor of cursors) next.delete(cursor);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(name);
      else next.set(name, value);
    }
    if (next.get("limit") === "10") next.delete("limit");
    navigate(href(next), { preventScrollReset: true });
  }

  const filtered = filters.some((name) => params.get(name));
  const cleared = new URLSearchParams([...params].filter(([name]) => !filters.includes(name) && !cursors.includes(name)));
  return (
    <FilterBarContext.Provider value={{ params, apply }}>
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md" data-testid="filter-bar" aria-busy={navigation.state === "loading"}>
        {children}
        {filtered ? (
          <Button component={Link} to={href(cleared)} variant="subtle" leftSection={<IconFilterOff size={16} />} preventScrollReset>
            Clear filters
          </Button>
        ) : null}
      </Group>
    </FilterBarContext.Provider>
  );
}

/** A choice among values; `normalize` maps the URL's value onto the options (case). */
export function FilterSelect({
  name,
  label,
  placeholder,
  data,
  w = 180,
  normalize = (value) => value,
}: {
  name: string;
  label: string;
  placeholder: string;
  data: ComboboxData;
  w?: number;
  normalize?: (value: string) => string;
}) {
  const { params, apply } = useFilterBar();
  const value = params.get(name);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={value ? normalize(value) : null}
      onChange={(next) => apply({ [name]: next })}
      clearable
      clearButtonProps={{ "aria-label": `Clear ${label}` }}
      searchable={Array.isArray(data) && data.length > 8}
      w={w}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Free text (an id, an email): applied on Enter or when the field is left with a new value. */
export function FilterText({ name, label, placeholder, w = 240, testId }: { name: string; label: string; placeholder?: string; w?: number; testId?: string }) {
  const { params, apply } = useFilterBar();
  const current = params.get(name) ?? "";
  const commit = (value: string) => {
    if (value.trim() !== current) apply({ [name]: value.trim() || null });
  };
  return (
    <TextInput
      // A new URL value (back/forward, Clear) resets the field.
      key={current}
      label={label}
      placeholder={placeholder}
      defaultValue={current}
      leftSection={<IconSearch size={16} />}
      w={w}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === "Enter") commit(event.currentTarget.value);
      }}
      onBlur={(event) => commit(event.currentTarget.value)}
    />
  );
}

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

/** The list API's created range (created[gte] / created[lt]) as a range of UTC days. */
export const CREATED_FILTERS = ["created[gte]", "created[gt]", "created[lt]", "created[lte]", "created"] as const;

export function FilterCreatedRange() {
  const { params, apply } = useFilterBar();
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
  return (
    <DatePickerInput
      type="range"
      label="Created (UTC days)"
      placeholder="Any date"
      value={createdDays(params)}
      onChange={applyDates}
      clearable
      clearButtonProps={{ "aria-label": "Clear the dates" }}
      allowSingleDateInRange
      leftSection={<IconCalendar size={16} />}
      valueFormat="D MMM YYYY"
      w={260}
    />
  );
}

const PAGE_SIZES = ["10", "25", "50", "100"];

/** Rows per page (the list API's `limit`). */
export function FilterPageSize() {
  const { params, apply } = useFilterBar();
  return (
    <Select
      label="Per page"
      data={PAGE_SIZES}
      value={params.get("limit") || "10"}
      onChange={(value) => apply({ limit: value })}
      allowDeselect={false}
      w={100}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
