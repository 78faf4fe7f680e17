/**
 * The project overview's charts: fiat volume per day by currency, sessions by status, the
 * funnel sessions → orders → completed, gateway share and success rate, and the top
 * destination currencies, for the last 24 h / 7 / 30 / 90 days (UTC days).
 *
 * At 1,000,000 sessions a live GROUP BY over 90 days reads every row (seconds), so settled
 * days come from daily roll-ups (db/schema/analytics.ts) and only the last two days, whose
 * sessions and orders may still change status, are aggregated live from the index range.
 * The roll-up is extended lazily, by whichever overview request first finds it a day
 * behind: one GROUP BY over that day's rows (docs/decisions/0009-overview-rollups.md).
 */
import { and, eq, gte, sql } from "drizzle-orm";
import { analyticsOrderDay, analyticsRollup, analyticsSessionDay, checkoutSession, order } from "~db/schema";
import { rowsOf } from "~db/client";
import type { ListScope } from "~/api/keyset.server";
import { gatewayById } from "~/gateways/catalogue";
import { OVERVIEW_RANGES, type OverviewRange } from "./ranges";

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** An order's fiat side, whatever its type: what a buy paid, what a sell paid out (the volume charts are fiat). */
const FIAT_CURRENCY = sql.raw(`case when type = 'sell' then destination_currency else source_currency end`);
const FIAT_AMOUNT = sql.raw(`case when type = 'sell' then coalesce(destination_amount, 0) else source_amount end`);

/** Days younger than this are read live: their rows can still change status. */
export const SETTLE_DAYS = 2;

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The last day the roll-up covers once current: the day SETTLE_DAYS before today. */
export function settledThrough(now: Date): string {
  return utcDay(now.getTime() - SETTLE_DAYS * DAY);
}

/**
 * Rolls up the days after the roll-up's end through the last settled day. Idempotent and
 * safe when two requests race: each day's totals are recomputed, not incremented.
 */
export async function refreshRollup(scope: ListScope, now = new Date()): Promise<void> {
  const target = settledThrough(now);
  const [state] = await scope.db
    .select({ rolledThrough: analyticsRollup.rolledThrough })
    .from(analyticsRollup)
    .where(and(eq(analyticsRollup.projectId, scope.projectId), eq(analyticsRollup.mode, scope.mode)));
  if (state && state.rolledThrough >= target) return;
  const to = new Date(dayStart(target) + DAY);
  const from = state ? new Date(dayStart(state.rolledThrough) + DAY) : null;
  const sessionRange = from ? sql`and ${checkoutSession.createdAt} >= ${from.toISOString()}::timestamptz` : sql``;
  const orderRange = from ? sql`and ${order.createdAt} >= ${from.toISOString()}::timestamptz` : sql``;
  await scope.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into ${analyticsSessionDay} (project_id, mode, day, status, destination_currency, sessions)
      select project_id, mode, (created_at at time zone 'UTC')::date, status, coalesce(destination_currency, ''), count(*)::int
      from ${checkoutSession}
      where project_id = ${scope.projectId} and mode = ${scope.mode} and created_at < ${to.toISOString()}::timestamptz ${sessionRange}
      group by 1, 2, 3, 4, 5
      on conflict (project_id, mode, day, status, destination_currency) do update set sessions = excluded.sessions`);
    await tx.execute(sql`
      insert into ${analyticsOrderDay} (project_id, mode, day, gateway_id, status, source_currency, orders, source_amount)
      select project_id, mode, (created_at at time zone 'UTC')::date, gateway_id, status, ${FIAT_CURRENCY}, count(*)::int, sum(${FIAT_AMOUNT})
      from ${order}
      where project_id = ${scope.projectId} and mode = ${scope.mode} and created_at < ${to.toISOString()}::timestamptz ${orderRange}
      group by 1, 2, 3, 4, 5, 6
      on conflict (project_id, mode, day, gateway_id, status, source_currency) do update
        set orders = excluded.orders, source_amount = excluded.source_amount`);
    await tx.execute(sql`
      insert into ${analyticsRollup} (project_id, mode, rolled_through, refreshed_at)
      values (${scope.projectId}, ${scope.mode}, ${target}, now())
      on conflict (project_id, mode) do update
        set rolled_through = greatest(${analyticsRollup.rolledThrough}, excluded.rolled_through), refreshed_at = now()`);
  });
}

interface SessionCell {
  bucket: string;
  status: string;
  currency: string;
  n: number;
}
interface OrderCell {
  bucket: string;
  gateway: string;
  status: string;
  currency: string;
  n: number;
  amount: string;
}

export interface OverviewCharts {
  range: OverviewRange;
  /** "hour" buckets for 24 h, else "day" (UTC). */
  unit: "hour" | "day";
  buckets: string[];
  /** Completed orders' fiat amount per bucket and fiat currency, buys and sells together. */
  volume: Record<string, string | number>[];
  /** The part of `volume` that sells paid out (the rest is buys), same shape. */
  sellVolume: Record<string, string | number>[];
  fiatCurrencies: string[];
  sessionsByStatus: { status: string; sessions: number }[];
  funnel: { stage: string; count: number }[];
  gateways: { gateway: string; name: string; orders: number; completed: number; finished: number; share: number; successRate: number | null }[];
  topDestinationCurrencies: { currency: string; sessions: number }[];
  totals: { sessions: number; orders: number; completed: number };
}

/** Orders that reached an end state; success rate is completed among these. */
const FINISHED = new Set(["completed", "failed", "expired", "refunded"]);

function bucketKeys(range: OverviewRange, now: Date): { unit: "hour" | "day"; keys: string[]; from: number } {
  if (range === "24h") {
    const last = Math.floor(now.getTime() / HOUR) * HOUR;
    const keys = Array.from({ length: 24 }, (_, i) => new Date(last - (23 - i) * HOUR).toISOString().slice(0, 13));
    return { unit: "hour", keys, from: now.getTime() - 24 * HOUR };
  }
  const days = OVERVIEW_RANGES.find((r) => r.value === range)!.days;
  const today = dayStart(utcDay(now.getTime()));
  const keys = Array.from({ length: days }, (_, i) => utcDay(today - (days - 1 - i) * DAY));
  return { unit: "day", keys, from: dayStart(keys[0]!) };
}

export async function overviewCharts(scope: ListScope, range: OverviewRange, now = new Date()): Promise<OverviewCharts> {
  const { unit, keys, from } = bucketKeys(range, now);
  const settled = settledThrough(now);
  // Hourly (24 h) is all live; a day range reads settled days from the roll-up.
  const useRollup = unit === "day" && keys[0]! <= settled;
  if (useRollup) await refreshRollup(scope, now);
  const liveFrom = new Date(useRollup ? Math.max(from, dayStart(settled) + DAY) : from);
  const format = unit === "hour" ? `YYYY-MM-DD"T"HH24` : "YYYY-MM-DD";
  const bucket = (column: typeof checkoutSession.createdAt | typeof order.createdAt) =>
    sql`to_char(date_trunc(${unit}, ${column} at time zone 'UTC'), ${sql.raw(`'${format}'`)})`;

  const [liveSessions, liveOrders, rolledSessions, rolledOrders, sells] = await Promise.all([
    scope.db
      .execute(
        sql`select ${bucket(checkoutSession.createdAt)} as bucket, status, coalesce(destination_currency, '') as currency, count(*)::int as n
            from ${checkoutSession}
            where project_id = ${scope.projectId} and mode = ${scope.mode} and created_at >= ${liveFrom.toISOString()}::timestamptz
            group by 1, 2, 3`,
      )
      .then((r) => rowsOf<SessionCell>(r)),
    scope.db
      .execute(
        sql`select ${bucket(order.createdAt)} as bucket, gateway_id as gateway, status, ${FIAT_CURRENCY} as currency, count(*)::int as n, sum(${FIAT_AMOUNT})::text as amount
            from ${order}
            where project_id = ${scope.projectId} and mode = ${scope.mode} and created_at >= ${liveFrom.toISOString()}::timestamptz
            group by 1, 2, 3, 4`,
      )
      .then((r) => rowsOf<OrderCell>(r)),
    useRollup
      ? scope.db
          .select({
            bucket: sql<string>`to_char(${analyticsSessionDay.day}, 'YYYY-MM-DD')`,
            status: analyticsSessionDay.status,
            currency: analyticsSessionDay.destinationCurrency,
            n: analyticsSessionDay.sessions,
          })
          .from(analyticsSessionDay)
          .where(
            and(
              eq(analyticsSessionDay.projectId, scope.projectId),
              eq(analyticsSessionDay.mode, scope.mode),
              gte(analyticsSessionDay.day, keys[0]!),
              sql`${analyticsSessionDay.day} < ${utcDay(liveFrom.getTime())}`,
            ),
          )
      : Promise.resolve([] as SessionCell[]),
    useRollup
      ? scope.db
          .select({
            bucket: sql<string>`to_char(${analyticsOrderDay.day}, 'YYYY-MM-DD')`,
            gateway: analyticsOrderDay.gatewayId,
            status: analyticsOrderDay.status,
            currency: analyticsOrderDay.sourceCurrency,
            n: analyticsOrderDay.orders,
            amount: sql<string>`${analyticsOrderDay.sourceAmount}::text`,
          })
          .from(analyticsOrderDay)
          .where(
            and(
              eq(analyticsOrderDay.projectId, scope.projectId),
              eq(analyticsOrderDay.mode, scope.mode),
              gte(analyticsOrderDay.day, keys[0]!),
              sql`${analyticsOrderDay.day} < ${utcDay(liveFrom.getTime())}`,
            ),
          )
      : Promise.resolve([] as OrderCell[]),
    // The roll-up does not split by type: sells' share is read live over the whole range through
    // order_type_idx (project, mode, type, created_at), and buys are the rest.
    scope.db
      .execute(
        sql`select ${bucket(order.createdAt)} as bucket, destination_currency as currency, sum(coalesce(destination_amount, 0))::text as amount
            from ${order}
            where project_id = ${scope.projectId} and mode = ${scope.mode} and type = 'sell' and status = 'completed'
              and created_at >= ${new Date(from).toISOString()}::timestamptz
            group by 1, 2`,
      )
      .then((r) => rowsOf<{ bucket: string; currency: string; amount: string }>(r)),
  ]);
  const charts = summarise(range, unit, keys, [...rolledSessions, ...liveSessions], [...rolledOrders, ...liveOrders]);
  return { ...charts, sellVolume: perBucket(keys, charts.fiatCurrencies, sells) };
}

/** Amounts per bucket and currency, rounded to cents, with 0 where nothing was sold. */
function perBucket(keys: string[], currencies: string[], cells: { bucket: string; currency: string; amount: string }[]) {
  const sums = new Map<string, number>();
  for (const cell of cells) add(sums, `${cell.bucket}|${cell.currency}`, Number(cell.amount));
  return keys.map((k) => ({ bucket: k, ...Object.fromEntries(currencies.map((c) => [c, Math.round((sums.get(`${k}|${c}`) ?? 0) * 100) / 100])) }));
}

function add<K>(map: Map<K, number>, key: K, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

function summarise(
  range: OverviewRange,
  unit: "hour" | "day",
  keys: string[],
  sessions: SessionCell[],
  orders: OrderCell[],
): Omit<OverviewCharts, "sellVolume"> {
  const byStatus = new Map<string, number>();
  const byDestination = new Map<string, number>();
  let sessionTotal = 0;
  for (const cell of sessions) {
    const n = Number(cell.n);
    sessionTotal += n;
    add(byStatus, cell.status, n);
    if (cell.currency) add(byDestination, cell.currency, n);
  }

  const volume = new Map<string, Map<string, number>>(keys.map((k) => [k, new Map()]));
  const fiats = new Set<string>();
  const gateways = new Map<string, { orders: number; completed: number; finished: number }>();
  let orderTotal = 0;
  let completedTotal = 0;
  for (const cell of orders) {
    const n = Number(cell.n);
    orderTotal += n;
    const g = gateways.get(cell.gateway) ?? { orders: 0, completed: 0, finished: 0 };
    g.orders += n;
    if (FINISHED.has(cell.status)) g.finished += n;
    if (cell.status === "completed") {
      g.completed += n;
      completedTotal += n;
      fiats.add(cell.currency);
      const row = volume.get(cell.bucket);
      if (row) add(row, cell.currency, Number(cell.amount));
    }
    gateways.set(cell.gateway, g);
  }
  const fiatCurrencies = [...fiats].sort();
  return {
    range,
    unit,
    buckets: keys,
    volume: perBucket(
      keys,
      fiatCurrencies,
      [...volume].flatMap(([bucket, row]) => [...row].map(([currency, amount]) => ({ bucket, currency, amount: String(amount) }))),
    ),
    fiatCurrencies,
    sessionsByStatus: [...byStatus].map(([status, count]) => ({ status, sessions: count })).sort((a, b) => b.sessions - a.sessions),
    funnel: [
      { stage: "Sessions", count: sessionTotal },
      { stage: "Orders", count: orderTotal },
      { stage: "Completed", count: completedTotal },
    ],
    gateways: [...gateways]
      .map(([gateway, g]) => ({
        gateway,
        name: gatewayById(gateway)?.name ?? gateway,
        ...g,
        share: orderTotal ? g.orders / orderTotal : 0,
        successRate: g.finished ? g.completed / g.finished : null,
      }))
      .sort((a, b) => b.orders - a.orders),
    topDestinationCurrencies: [...byDestination]
      .map(([currency, count]) => ({ currency, sessions: count }))
      .sort((a, b) => b.sessions - a.sessions)
      .slice(0, 6),
    totals: { sessions: sessionTotal, orders: orderTotal, completed: completedTotal },
  };
}
