import { Button, Group, Popover, Select, Stack, Text } from "@mantine/core";
import { useLocation } from "@remix-run/react";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { EXPORT_TIMEZONES } from "./export-timezones";

/**
 * Downloads the whole filtered list as CSV (not just this page): the export route gets the
 * page's filters without its cursor and page size, plus the chosen time zone.
 */
export function ExportButton({ href, noun }: { href: string; noun: string }) {
  const { search } = useLocation();
  const [timezone, setTimezone] = useState<string>("UTC");
  const params = new URLSearchParams(search);
  params.delete("starting_after");
  params.delete("ending_before");
  params.delete("limit");
  params.set("tz", timezone);
  return (
    <Popover width={280} position="bottom-end" withinPortal shadow="md">
      <Popover.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />}>
          Export CSV
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text size="sm">Every {noun} matching the current filters, newest first.</Text>
          <Select
            label="Time zone for dates"
            data={EXPORT_TIMEZONES}
            value={timezone}
            onChange={(value) => setTimezone(value ?? "UTC")}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
          />
          <Group justify="flex-end">
            <Button component="a" href={`${href}?${params.toString()}`} download leftSection={<IconDownload size={16} />} data-testid="export-download">
              Download
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
