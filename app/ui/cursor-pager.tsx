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
        <Button
          component={Link}
          to={cursors.previous ? withCursor(search, "ending_before", cursors.previous) : "#"}
          variant="default"
          size="sm"
          leftSection={<IconChevronLeft size={16} />}
          disabled={!cursors.previous}
          data-disabled={!cursors.previous || undefined}
          aria-disabled={!cursors.previous}
          onClick={(e) => {
            if (!cursors.previous) e.preventDefault();
          }}
        >
          Previous
        </Button>
        <Button
          component={Link}
          to={cursors.next ? withCursor(search, "starting_after", cursors.next) : "#"}
          variant="default"
          size="sm"
          rightSection={<IconChevronRight size={16} />}
          disabled={!cursors.next}
          aria-disabled={!cursors.next}
          onClick={(e) => {
            if (!cursors.next) e.preventDefault();
          }}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
