import { Button, Group, Text } from "@mantine/core";
import { Link, useLocation } from "@remix-run/react";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";

/** Where Previous and Next lead: `ending_before` / `starting_after` cursors, or nowhere. */
export interface PagerCursors {
  previous: string | null;
  next: string | null;
}

/**
 * Stripe-style cursors for a keyset page, newest first. Forward pages know whether more
 * rows follow (`hasMore`); a backward page knows whether newer rows exist.
 */
export function pagerCursors(page: { ids: string[]; hasMore: boolean; startingAfter?: string; endingBefore?: string }): PagerCursors {
  const first = page.ids[0] ?? null;
  const last = page.ids[page.ids.length - 1] ?? null;
  const backward = Boolean(page.endingBefore);
  return {
    previous: first && (backward ? page.hasMore : Boolean(page.startingAfter)) ? first : null,
    next: last && (backward || page.hasMore) ? last : null,
  };
}

/** The current URL with its cursor replaced (filters and page size kept). */
function withCursor(search: string, name: "starting_after" | "ending_before", id: string) {
  const params = new URLSearchParams(search);
  params.delete("starting_after");
  params.delete("ending_before");
  params.set(name, id);
  return `?${params.toString()}`;
}

export function CursorPager({ cursors, shown, noun }: { cursors: PagerCursors; shown: number; noun: string }) {
  const { search } = useLocation();
  return (
    <Group justify="space-between" mt="md" wrap="wrap" gap="sm">
      <Text size="sm" c="dimmed" data-testid="pager-summary">
        {shown === 0 ? `No ${noun}s on this page` : `Showing ${shown} ${noun}${shown === 1 ? "" : "s"}`}
      </Text>
      <Group gap="xs">
        <PageLink search={search} cursor={cursors.previous} param="ending_before" label="Previous" />
        <PageLink search={search} cursor={cursors.next} param="starting_after" label="Next" />
      </Group>
    </Group>
  );
}

/** Previous (chevron before) or Next (chevron after); without a cursor, a disabled link that goes nowhere. */
function PageLink({ search, cursor, param, label }: { search: string; cursor: string | null; param: "starting_after" | "ending_before"; label: string }) {
  const chevron = param === "ending_before" ? { leftSection: <IconChevronLeft size={16} /> } : { rightSection: <IconChevronRight size={16} /> };
  return (
    <Button
      component={Link}
      to={cursor ? withCursor(search, param, cursor) : "#"}
      variant="default"
      size="sm"
      {...chevron}
      disabled={!cursor}
      data-disabled={!cursor || undefined}
      aria-disabled={!cursor}
      onClick={(e) => {
        if (!cursor) e.preventDefault();
      }}
    >
      {label}
    </Button>
  );
}
