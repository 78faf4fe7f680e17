/**
 * Events (`evt_…`) are written in the same transaction as the change that causes them,
 * so none is lost if the process dies right after. Delivery to webhook endpoints reads
 * them from this table (the webhooks issue).
 */
import { event, type EventType } from "../../db/schema";
import type { Mode } from "../../db/schema/types";
import type { Executor } from "../lib/db.server";
import { newId } from "../lib/ids";

export interface NewEvent {
  projectId: string;
  mode: Mode;
  type: EventType;
  orderId?: string | null;
  sessionId?: string | null;
  sequence?: number | null;
  /** `data` of the payload, e.g. `{ order: {…} }` or `{ session: {…} }`. */
  data: Record<string, unknown>;
}

export async function recordEvent(tx: Executor, input: NewEvent) {
  const id = newId("evt");
  const createdAt = new Date();
  const payload = {
    id,
    type: input.type,
    createdAt: createdAt.toISOString(),
    ...(input.sequence != null ? { sequence: input.sequence } : {}),
    data: input.data,
  };
  await tx.insert(event).values({
    id,
    projectId: input.projectId,
    mode: input.mode,
    type: input.type,
    orderId: input.orderId ?? null,
    sessionId: input.sessionId ?? null,
    sequence: input.sequence ?? null,
    payload,
    createdAt,
  });
  return payload;
}
