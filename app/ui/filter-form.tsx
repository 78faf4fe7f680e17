import { Button, Group } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { IconFilter } from "@tabler/icons-react";
import type { ReactNode } from "react";

/** A GET form of list filters: its fields, Filter, and Clear (back to no query) while a filter is set. */
export function FilterForm({ filtered, children }: { filtered: boolean; children: ReactNode }) {
  return (
    <Form method="get">
      <Group align="flex-end" wrap="wrap">
        {children}
        <Button type="submit" variant="default" leftSection={<IconFilter size={16} />}>
          Filter
        </Button>
        {filtered ? (
          <Button component={Link} to="?" variant="subtle">
            Clear
          </Button>
        ) : null}
      </Group>
    </Form>
  );
}
