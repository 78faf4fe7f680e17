import { Alert, Anchor, Box, Card, List, LoadingOverlay, Stack, Text } from "@mantine/core";
import { Link, useNavigation } from "@remix-run/react";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { CursorPager, type PagerCursors } from "./cursor-pager";

/**
 * A list page's body: the bad-parameter message (the API's own wording, per parameter),
 * the empty state (filtered or not), a loading veil while the next page loads, the pager.
 */
export function ListCard({
  noun,
  count,
  cursors,
  error,
  filtered,
  emptyHint,
  pathname,
  children,
}: {
  noun: string;
  count: number;
  cursors: PagerCursors;
  error: { message: string; details: { field: string; message: string }[] } | null;
  filtered: boolean;
  emptyHint: ReactNode;
  pathname: string;
  children: ReactNode;
}) {
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location?.pathname === pathname;
  return (
    <Card withBorder padding="md" pos="relative">
      <LoadingOverlay visible={loading} zIndex={10} overlayProps={{ blur: 1 }} loaderProps={{ size: "sm" }} />
      {error ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="This list can't be shown with these filters" data-testid="list-error">
          <Stack gap={4}>
            <Text size="sm">{error.message}</Text>
            {error.details.length ? (
              <List size="sm">
                {error.details.map((d) => (
                  <List.Item key={`${d.field}:${d.message}`}>
                    <b>{d.field}</b>: {d.message}
                  </List.Item>
                ))}
              </List>
            ) : null}
            <Anchor component={Link} to={pathname} size="sm">
              Start again from the first page
            </Anchor>
          </Stack>
        </Alert>
      ) : count === 0 ? (
        <Box py="xl" ta="center" data-testid="list-empty">
          <Text fw={600}>{filtered ? `No ${noun}s match these filters` : `No ${noun}s yet`}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {filtered ? (
              <>
                Widen the dates or{" "}
                <Anchor component={Link} to={pathname}>
                  clear the filters
                </Anchor>
                .
              </>
            ) : (
              emptyHint
            )}
          </Text>
        </Box>
      ) : (
        children
      )}
      {error ? null : <CursorPager cursors={cursors} shown={count} noun={noun} />}
    </Card>
  );
}
