/**
 * Date formatting that renders the same on server and client (UTC, fixed locale),
 * so hydration never disagrees.
 */
const dateTime = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  return `${dateTime.format(typeof iso === "string" ? new Date(iso) : iso)} UTC`;
}

const preciseDateTime = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "UTC",
});

/** To the second, for timelines where order within a minute matters. */
export function formatDateTimeSeconds(iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  return `${preciseDateTime.format(typeof iso === "string" ? new Date(iso) : iso)} UTC`;
}
