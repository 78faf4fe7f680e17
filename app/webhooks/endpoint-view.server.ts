/** What the console's endpoint page shows: the endpoint, its 24-hour health, and one page of its filtered delivery log. */
import type { ProjectContext } from "~/lib/context";
import { listDeliveries } from "~/webhooks/deliveries.server";
import { endpointHealth, getEndpoint } from "~/webhooks/endpoints.server";
import { isDeliveryStatus, isEventType } from "~/webhooks/event-types";

/** `search` holds the log's filters (`status`, `type`) and cursor (`after`, `before`); unknown filter values are ignored. */
export async function endpointView(ctx: ProjectContext, endpointId: string, search: URLSearchParams) {
  const endpoint = await getEndpoint(ctx, endpointId);
  const status = search.get("status");
  const type = search.get("type");
  const page = await listDeliveries(ctx, endpoint.id, {
    status: isDeliveryStatus(status) ? status : null,
    eventType: isEventType(type) ? type : null,
    after: search.get("after"),
    before: search.get("before"),
  });
  const health = (await endpointHealth(ctx, [endpoint])).get(endpoint.id)!;
  return {
    endpoint: {
      id: endpoint.id,
      url: endpoint.url,
      description: endpoint.description,
      enabledEvents: endpoint.enabledEvents,
      status: endpoint.status,
      disabledReason: endpoint.disabledReason,
      disabledAt: endpoint.disabledAt?.toISOString() ?? null,
      failingSince: endpoint.failingSince?.toISOString() ?? null,
      previousSecretExpiresAt:
        endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? endpoint.previousSecretExpiresAt.toISOString() : null,
      createdAt: endpoint.createdAt.toISOString(),
    },
    health: { ...health, lastFailureAt: health.lastFailureAt?.toISOString() ?? null },
    deliveries: page.rows.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      status: d.status,
      attemptCount: d.attemptCount,
      lastResponseStatus: d.lastResponseStatus,
      lastError: d.lastError,
      nextAttemptAt: d.status === "retrying" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
      createdAt: d.createdAt.toISOString(),
    })),
    hasNewer: page.hasNewer,
    hasOlder: page.hasOlder,
  };
}
