/**
 * The live event stream of a project's test mode (GET /v1/events/stream, docs/api-contract.md#event-stream): what
 * `ramp listen` forwards to a local webhook handler. Server-Sent Events read from the event table, which every
 * instance shares, so any instance serves any stream and nothing depends on which one wrote the event.
 *
 * Each poll reads the events created since the newest one sent, minus a LOOKBACK: an event's createdAt is taken
 * before its transaction commits (a slow transaction, another instance's clock), so it may become visible after a
 * newer one was sent. Ids already sent within the window are skipped. A reconnect with `Last-Event-ID` resumes from
 * that event's time minus the window, and may repeat an event sent just before the drop (clients skip ids they have
 * seen, as `ramp listen` does), but loses none.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import { event } from "~db/schema";
import type { ProjectContext } from "~/lib/context";
import { logger } from "~/lib/logger.server";
import { payloadBody } from "~/webhooks/delivery.server";

export const STREAM_POLL_MS = 500;
export const STREAM_LOOKBACK_MS = 10_000;
const HEARTBEAT_MS = 15_000;
const BATCH = 100;

/**
 * Where a stream starts: after `Last-Event-ID`'s event when it is one of this project's and mode's, else now (the
 * events already in the window count as sent).
 */
async function startingPoint(ctx: ProjectContext, lastEventId: string | null): Promise<{ newest: number; seen: Map<string, number> }> {
  if (lastEventId) {
    const [row] = await ctx.db
      .select({ createdAt: event.createdAt })
      .from(event)
      .where(and(eq(event.id, lastEventId), eq(event.projectId, ctx.projectId), eq(event.mode, ctx.mode)));
    if (row) return { newest: row.createdAt.getTime(), seen: new Map([[lastEventId, row.createdAt.getTime()]]) };
  }
  const now = Date.now();
  const recent = await ctx.db
    .select({ id: event.id, createdAt: event.createdAt })
    .from(event)
    .where(and(eq(event.projectId, ctx.projectId), eq(event.mode, ctx.mode), gt(event.createdAt, new Date(now - STREAM_LOOKBACK_MS))));
  return { newest: now, seen: new Map(recent.map((r) => [r.id, r.createdAt.getTime()])) };
}

/** One SSE message; `data` is the body a webhook delivery of the event carries, byte for byte. */
function frame(id: string, type: string, payload: Record<string, unknown>) {
  return `id: ${id}\nevent: ${type}\ndata: ${payloadBody(payload)}\n\n`;
}

/** The stream's body: `retry`, then one SSE message per event (`id` = event id, `event` = type, `data` = the webhook payload). */
export async function eventStream(ctx: ProjectContext, options: { lastEventId: string | null; signal?: AbortSignal }): Promise<ReadableStream<Uint8Array>> {
  const start = await startingPoint(ctx, options.lastEventId);
  const encoder = new TextEncoder();
  /** Sent ids with their createdAt, forgotten once well older than the window. */
  const sent = start.seen;
  let newest = start.newest;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = Date.now();

  async function poll(controller: ReadableStreamDefaultController<Uint8Array>) {
    if (stopped) return;
    try {
      const rows = await ctx.db
        .select({ id: event.id, type: event.type, payload: event.payload, createdAt: event.createdAt })
        .from(event)
        .where(
          and(
            eq(event.projectId, ctx.projectId),
            eq(event.mode, ctx.mode),
            eq(event.isTest, false),
            gt(event.createdAt, new Date(newest - STREAM_LOOKBACK_MS)),
          ),
        )
        .orderBy(asc(event.createdAt), asc(event.id))
        .limit(BATCH + sent.size);
      let out = "";
      for (const row of rows) {
        if (sent.has(row.id)) continue;
        sent.set(row.id, row.createdAt.getTime());
        newest = Math.max(newest, row.createdAt.getTime());
        out += frame(row.id, row.type, row.payload);
      }
      for (const [id, at] of sent) if (at < newest - 2 * STREAM_LOOKBACK_MS) sent.delete(id);
      if (!out && Date.now() - lastWrite >= HEARTBEAT_MS) out = ": keep-alive\n\n";
      if (out && !stopped) {
        controller.enqueue(encoder.encode(out));
        lastWrite = Date.now();
      }
    } catch (error) {
      // The database went away for a moment (or for good, at shutdown): end the stream; the client resumes.
      logger.warn("events.stream_error", { projectId: ctx.projectId, error: error instanceof Error ? error.message : String(error) });
      stop();
      try {
        controller.close();
      } catch {
        /* already closed */
      }
      return;
    }
    if (!stopped) timer = setTimeout(() => void poll(controller), STREAM_POLL_MS);
  }

  function stop() {
    stopped = true;
    if (timer) clearTimeout(timer);
  }
  options.signal?.addEventListener("abort", stop, { once: true });

  return new ReadableStream<Uint8Array>({
    start(controller) {
      // Reconnect after 1 s when the connection drops.
      controller.enqueue(encoder.encode("retry: 1000\n: connected\n\n"));
      void poll(controller);
    },
    cancel() {
      stop();
    },
  });
}
