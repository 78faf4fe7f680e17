/** The audit log's filters: area, project, actor email, in the console's one filter bar. */
import { AUDIT_AREAS } from "~/audit/areas";
import { FilterBar, FilterSelect, FilterText } from "~/ui/filter-bar";

const AREA_LABELS: Record<(typeof AUDIT_AREAS)[number], string> = {
  account: "Account security",
  api_key: "API keys",
  branding: "Branding",
  gateway: "Gateways",
  member: "Members",
  order: "Orders",
  organization: "Organization",
  project: "Projects",
  webhook: "Webhooks",
};

export function AuditFilters({ projects }: { projects: { value: string; label: string }[] }) {
  return (
    <FilterBar filters={["area", "project", "actor"]} cursors={["starting_after"]}>
      <FilterSelect name="area" label="Area" placeholder="All areas" data={AUDIT_AREAS.map((area) => ({ value: area, label: AREA_LABELS[area] }))} />
      <FilterSelect name="project" label="Project" placeholder="All projects" data={projects} w={220} />
      <FilterText name="actor" label="Actor email" placeholder="name@company.com" />
    </FilterBar>
  );
}
