/** The audit log's filters: area, project, actor email; Clear while one is set. */
import { Button, Card, Group, Select, TextInput } from "@mantine/core";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { IconFilter } from "@tabler/icons-react";
import { AUDIT_AREAS } from "~/audit/areas";

const AREA_LABELS: Record<(typeof AUDIT_AREAS)[number], string> = {
  api_key: "API keys",
  branding: "Branding",
  gateway: "Gateways",
  member: "Members",
  order: "Orders",
  organization: "Organization",
  project: "Projects",
  webhook: "Webhooks",
};

export function AuditFilters({ projects, filtered }: { projects: { value: string; label: string }[]; filtered: boolean }) {
  const [params] = useSearchParams();
  return (
    <Card withBorder padding="md">
      <Form method="get">
        <Group align="flex-end" wrap="wrap">
          <Select
            name="area"
            label="Area"
            placeholder="All"
            clearable
            data={AUDIT_AREAS.map((area) => ({
              value: area,
              label: AREA_LABELS[area],
            }))}
            defaultValue={params.get("area")}
            w={180}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            name="project"
            label="Project"
            placeholder="All"
            clearable
            data={projects}
            defaultValue={params.get("project")}
            w={220}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput name="actor" label="Actor email" placeholder="name@company.com" defaultValue={params.get("actor") ?? ""} w={240} />
          <Button type="submit" leftSection={<IconFilter size={16} />} variant="light">
            Filter
          </Button>
          {filtered ? (
            <Button component={Link} to="/settings/audit" variant="subtle" color="gray">
              Clear
            </Button>
          ) : null}
        </Group>
      </Form>
    </Card>
  );
}
