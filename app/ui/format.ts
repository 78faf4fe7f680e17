/**
 * Date formatting that renders the same on server and client (UTC, fixed locale),
 * so hydration never disagrees.
 */
const toTheMinute: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "2-digit", hour: "2-digit", minute: "2-digit", timeZone: "UTC" };
const dateTime = new Intl.DateTimeFormat("en-GB", toTheMinute);
const preciseDateTime = new Intl.DateTimeFormat("en-GB", { ...toTheMinute, second: "2-digit" });

function formatUtc(format: Intl.DateTimeFormat, iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  return `${format.format(typeof iso === "string" ? new Date(iso) : iso)} UTC`;
}

export function formatDateTime(iso: string | Date | null | undefined): string {
  return formatUtc(dateTime, iso);
}

/** To the second, for timelines where order within a minute matters. */
export function formatDateTimeSeconds(iso: string | Date | null | undefined): string {
  return formatUtc(preciseDateTime, iso);
}
