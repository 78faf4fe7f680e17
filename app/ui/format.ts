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

const WEEK_MS = 7 * 86_400_000;
const shortDate = new Intl.DateTimeFormat("en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });
const shortDateWithYear = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/**
 * "just now", "12 s ago", "5 min ago", "3 h 5 min ago", "2 d ago"; after a week the date to the
 * second in UTC ("4 Dec, 11:34:12"), or only the day once it is from another year.
 */
export function formatRelative(iso: string | Date, now: number): string {
  const at = typeof iso === "string" ? new Date(iso) : iso;
  const ms = now - at.getTime();
  if (ms < 0 || ms >= WEEK_MS) {
    return at.getUTCFullYear() === new Date(now).getUTCFullYear() ? `${shortDate.format(at)} UTC` : shortDateWithYear.format(at);
  }
  const seconds = Math.floor(ms / 1000);
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min ago` : `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
