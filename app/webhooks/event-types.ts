/** Webhook event types and labels: no server imports, so console components may use them too. */

export const EVENT_TYPES = [
  "order.created",
  "order.processing",
  "order.completed",
  "order.failed",
  "order.refunded",
  /** A sell whose deposit never arrived in time (buys' expiry sends none). */
  "order.expired",
  "transaction.completed",
  "session.confirmed",
  "session.expired",
  "session.cancelled",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}

export const DELIVERY_STATUSES = ["pending", "retrying", "succeeded", "failed"] as const;
type DeliveryStatusName = (typeof DELIVERY_STATUSES)[number];

export function isDeliveryStatus(value: unknown): value is DeliveryStatusName {
  return typeof value === "string" && (DELIVERY_STATUSES as readonly string[]).includes(value);
}
