/** The overview's time ranges (shared by the page and the server module). */
export const OVERVIEW_RANGES = [
  { value: "24h", label: "24 h", days: 1 },
  { value: "7d", label: "7 days", days: 7 },
  { value: "30d", label: "30 days", days: 30 },
  { value: "90d", label: "90 days", days: 90 },
] as const;
export type OverviewRange = (typeof OVERVIEW_RANGES)[number]["value"];
export const DEFAULT_OVERVIEW_RANGE: OverviewRange = "7d";

export function parseOverviewRange(value: string | null): OverviewRange {
  return OVERVIEW_RANGES.find((r) => r.value === value)?.value ?? DEFAULT_OVERVIEW_RANGE;
}
