import { useEffect, useState } from "react";
import { formatDateTimeSeconds, formatRelative } from "./format";

/**
 * When something happened, as Stripe lists it: relative ("12 s ago", "5 min ago"; the date to the
 * second once it is a week old), with the exact time to the second on hover. The server and the
 * browser may disagree by the seconds between render and hydration, so the text is refreshed
 * after mount (and every 30 s) rather than compared.
 */
export function Timestamp({ iso, dimmed = false }: { iso: string | null | undefined; dimmed?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!iso) return <>—</>;
  return (
    <time
      dateTime={iso}
      title={formatDateTimeSeconds(iso)}
      suppressHydrationWarning
      style={{ whiteSpace: "nowrap", color: dimmed ? "var(--mantine-color-dimmed)" : undefined, fontSize: "var(--mantine-font-size-sm)" }}
    >
      {formatRelative(iso, now)}
    </time>
  );
}
