/**
 * The webhook endpoint API's shapes in the OpenAPI document: the WebhookEndpoint objects (the
 * tests hold them to real answers), the request bodies' field docs, and examples.
 */
import { z } from "zod";
import { dateTime, EXAMPLE_IDS as EX, type FieldDocs } from "~/api/openapi/schema";
import { apiObject, type RequestBody } from "~/api/openapi/operation";
import { schema as dbSchema } from "~/lib/db.server";
import { createEndpointSchema, updateEndpointApiSchema } from "./schemas";

const webhookEndpointAttributes = {
  id: z.string().describe("The endpoint's id (`we_…`)."),
  url: z.string().describe("Where events are POSTed."),
  description: z.string().nullable(),
  enabledEvents: z.array(z.enum(["*", ...dbSchema.EVENT_TYPES])).describe('The event types it receives; `["*"]` for all.'),
  status: z.enum(["enabled", "disabled"]),
  disabledReason: z.string().nullable().describe("Why it was disabled (by a team member, or after 5 days of failed deliveries)."),
  mode: z.enum(["test", "live"]),
  failingSince: dateTime("Since when every delivery has failed; null while healthy.").nullable(),
  createdAt: dateTime(),
  updatedAt: dateTime(),
};

const webhookEndpointExample = {
  type: "webhook_endpoint",
  id: EX.endpointId,
  attributes: {
    id: EX.endpointId,
    url: "https://yoursite.com/webhooks/ramp",
    description: "Order updates",
    enabledEvents: ["order.completed", "order.failed", "transaction.completed"],
    status: "enabled",
    disabledReason: null,
    mode: "test",
    failingSince: null,
    createdAt: "2026-02-17T15:00:00.000Z",
    updatedAt: "2026-02-17T15:00:00.000Z",
  },
};

export const webhookEndpointObject = apiObject(
  "WebhookEndpoint",
  z.object({ type: z.literal("webhook_endpoint"), id: z.string(), attributes: z.object(webhookEndpointAttributes) }),
  webhookEndpointExample,
);

export const webhookEndpointWithSecretObject = apiObject(
  "WebhookEndpointWithSecret",
  z.object({
    type: z.literal("webhook_endpoint"),
    id: z.string(),
    attributes: z.object({
      ...webhookEndpointAttributes,
      secret: z.string().describe("The signing secret (`whsec_…`). Returned when created or rolled only; in live mode never again."),
    }),
  }),
  { ...webhookEndpointExample, attributes: { ...webhookEndpointExample.attributes, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } },
);

export const webhookEndpointResultObject = apiObject(
  "WebhookEndpointResult",
  z.union([webhookEndpointObject.schema, webhookEndpointWithSecretObject.schema]),
  webhookEndpointExample,
);

export const webhookEndpointListObject = apiObject(
  "WebhookEndpointList",
  z.object({ object: z.literal("list"), url: z.string(), has_more: z.boolean(), data: z.array(webhookEndpointObject.schema) }),
  { object: "list", url: "/v1/webhook_endpoints", has_more: false, data: [webhookEndpointExample] },
);

export const deletedWebhookEndpointObject = apiObject(
  "DeletedWebhookEndpoint",
  z.object({ type: z.literal("webhook_endpoint"), id: z.string(), deleted: z.literal(true) }),
  { type: "webhook_endpoint", id: EX.endpointId, deleted: true },
);

export const WEBHOOK_OBJECTS = [
  webhookEndpointObject,
  webhookEndpointWithSecretObject,
  webhookEndpointResultObject,
  webhookEndpointListObject,
  deletedWebhookEndpointObject,
];

export const WEBHOOK_EXAMPLES = {
  createWebhookEndpoint: {
    url: "https://yoursite.com/webhooks/ramp",
    description: "Order updates",
    enabledEvents: ["order.completed", "order.failed", "transaction.completed"],
  },
  updateWebhookEndpoint: { enabledEvents: ["*"], rollSecret: { graceHours: 24 } },
};

const eventTypesNote = `One or more of ${dbSchema.EVENT_TYPES.join(", ")}; or ["*"] for every type (the default).`;
const createEndpointDocs: FieldDocs = {
  url: { description: "The http(s) URL that receives the events. In live mode it must resolve to public addresses only." },
  description: { description: "A note for your team, up to 300 characters." },
  enabledEvents: { description: eventTypesNote },
};
const updateEndpointDocs: FieldDocs = {
  ...createEndpointDocs,
  enabledEvents: { description: eventTypesNote.replace(" (the default)", "") },
  status: { description: "`disabled` pauses deliveries; `enabled` resumes them (also after an automatic disable).", enum: ["enabled", "disabled"] },
  rollSecret: {
    description:
      "Roll the signing secret: `true`, or `{ graceHours }` (0–168, default 24) during which the old secret signs too. The answer carries the new secret.",
  },
};

export const createEndpointBody: RequestBody = { name: "CreateWebhookEndpointRequest", schema: createEndpointSchema, docs: createEndpointDocs };
export const updateEndpointBody: RequestBody = { name: "UpdateWebhookEndpointRequest", schema: updateEndpointApiSchema, docs: updateEndpointDocs };
