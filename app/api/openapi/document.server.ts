/**
 * The OpenAPI 3.1 document, assembled from the registered endpoints (app/api/registry.server.ts):
 * each endpoint's operation becomes a path item; the request bodies it names and the API's
 * objects become component schemas (zod → JSON Schema 2020-12). Nothing here knows an
 * endpoint by name.
 */
import { z } from "zod";
import type { KeyPermission } from "~/keys/permissions";
import { ERROR_STATUS, type ErrorCode } from "~/lib/domain-error";
import { ERROR_CODE_DESCRIPTIONS, type ApiObject, type Auth, type DescribedEndpoint, type RequestBody, type Tag } from "./operation";
import { EXAMPLE_IDS, inputSchema, type JsonSchema } from "./schema";

export const API_TITLE = "Ramp Partner API";
export const API_VERSION = "1.0.0";

const TAGS: { name: Tag; description: string }[] = [
  { name: "Sessions", description: "Create a session from your backend, then load, confirm or cancel it." },
  { name: "Orders", description: "Orders placed from sessions, the order history, and refunds." },
  {
    name: "Public onramp",
    description: "No key needed: quotes, supported assets, direct checkout intents and transaction status. A publishable key, when sent, selects its mode.",
  },
  {
    name: "Webhooks",
    description: "Endpoints that receive signed events (order.*, transaction.completed, session.*). Deliveries, attempts and resends are in the console.",
  },
  {
    name: "Request logs",
    description:
      "Every request your keys (and the public endpoints for your project) made in the last 30 days, with redacted bodies: what the console's Logs page shows.",
  },
  { name: "Meta", description: "About the API itself." },
];

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  secret: [{ secretKey: [] }],
  publishable: [{ publishableKey: [] }, { secretKey: [] }],
  clientSecret: [{ publishableKey: [] }, { secretKey: [] }],
  // `{}` first: no key at all is fine.
  public: [{}, { publishableKey: [] }],
  none: [{}, { publishableKey: [] }],
};

const PUBLIC_NOTE = "Auth: none. A publishable key (`Authorization: Bearer pk_…`) selects its mode; without one the project's default mode is served.";
const AUTH_NOTES: Record<Auth, string> = {
  secret: "Auth: secret key (`sk_…`) or restricted key (`rk_…`), from your backend only.",
  publishable: "Auth: publishable key (`pk_…`); a secret or restricted key works too.",
  clientSecret: "Auth: publishable key (`pk_…`) plus the session's `clientSecret` in the body.",
  public: PUBLIC_NOTE,
  none: PUBLIC_NOTE,
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.map((code) => `${code}: ${ERROR_CODE_DESCRIPTIONS[code]}`).join("\n"),
      headers: {
        "Request-Id": { $ref: "#/components/headers/RequestId" },
        ...(status === 429 ? { "Retry-After": { $ref: "#/components/headers/RetryAfter" } } : {}),
      },
      content: {
        "application/json": {
          schema: { allOf: [ref("Error"), { type: "object", properties: { error: { type: "object", properties: { code: { enum: list } } } } }] },
          example: { success: false, error: { code: list[0], message: ERROR_CODE_DESCRIPTIONS[list[0]!], requestId: EXAMPLE_IDS.requestId } },
        },
      },
    };
  }
  return responses;
}

/** The restricted-key sentence of a keyed endpoint's description. */
function permissionNote(permission: KeyPermission | undefined) {
  return permission ? ` Restricted keys (\`rk_…\`) need the \`${permission}\` permission.` : "";
}

function operationObject({ operation: op, auth, permission }: DescribedEndpoint) {
  const parameters: unknown[] = (op.parameters ?? []).map((p) => ({ ...p }));
  if (op.idempotent) parameters.push({ $ref: "#/components/parameters/IdempotencyKey" });
  const success = {
    description: op.success.description,
    headers: {
      "Request-Id": { $ref: "#/components/headers/RequestId" },
      ...(op.idempotent ? { "Idempotent-Replayed": { $ref: "#/components/headers/IdempotentReplayed" } } : {}),
    },
    content: {
      "application/json":
        op.success.object === null
          ? { schema: { type: "object", description: "An OpenAPI 3.1 document." } }
          : { schema: ref(op.success.object.name), example: op.success.object.example },
    },
  };
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: `${op.description}\n\n${AUTH_NOTES[auth]}${permissionNote(permission)}`,
    security: SECURITY[auth],
    ...(permission ? { "x-ramp-permission": permission } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: !op.body.optional, content: { "application/json": { schema: ref(op.body.schema.name), example: op.body.example } } } }
      : {}),
    responses: { [String(op.success.status)]: success, ...errorResponses(op.errors) },
  };
}

/** The API's objects as component schemas; a nested object is a $ref to its own component. */
function objectSchemas(objects: ApiObject[]): Record<string, JsonSchema> {
  const components = z.registry<{ id: string }>();
  for (const object of objects) components.add(object.schema, { id: object.name });
  const { schemas } = z.toJSONSchema(components, { target: "draft-2020-12", io: "input", uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, JsonSchema>;
  };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

/** Each request body the endpoints name, once. */
export function requestBodies(endpoints: DescribedEndpoint[]): RequestBody[] {
  const bodies = new Map<string, RequestBody>();
  for (const { operation } of endpoints) if (operation.body) bodies.set(operation.body.schema.name, operation.body.schema);
  return [...bodies.values()];
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, ReturnType<typeof operationObject>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, unknown>;
    parameters: Record<string, unknown>;
    headers: Record<string, unknown>;
  };
}

export function assembleOpenApiDocument(baseUrl: string, endpoints: DescribedEndpoint[], objects: ApiObject[]): OpenApiDocument {
  for (const { operation } of endpoints) {
    const answered = operation.success.object;
    // An object answered but not registered would be inlined, not named: register it with its domain's objects.
    if (answered && !objects.includes(answered))
      throw new Error(`openapi: ${operation.operationId} answers ${answered.name}, which is not a registered object`);
  }
  const paths: OpenApiDocument["paths"] = {};
  for (const endpoint of endpoints) (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operationObject(endpoint);
  const requestSchemas = Object.fromEntries(requestBodies(endpoints).map((body) => [body.name, inputSchema(body.schema, body.docs, body.extra)]));
  return {
    openapi: "3.1.0",
    info: {
      title: API_TITLE,
      version: API_VERSION,
      description: [
        "The session-based checkout API of the Ramp platform: create sessions from your backend with a secret key, let customers pay through the hosted checkout or your own UI, and follow orders.",
        'Successes answer `{ type, id, attributes }` (lists: `{ object: "list", url, has_more, data }`; public endpoints: `{ success: true, data }`). Errors answer `{ success: false, error: { code, message, details?, requestId } }`. Every response carries a `Request-Id` header.',
        "The key's prefix decides the mode: `sk_test_`/`pk_test_` for test data, `sk_live_`/`pk_live_` for live data. POST endpoints take an `Idempotency-Key` header (kept 24 hours).",
      ].join("\n\n"),
    },
    servers: [{ url: baseUrl }],
    tags: TAGS,
    paths,
    components: {
      schemas: { ...objectSchemas(objects), ...requestSchemas },
      securitySchemes: {
        secretKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "sk_test_… / sk_live_… / rk_test_… / rk_live_…",
          description:
            "Secret key (`sk_…`), or a restricted key (`rk_…`) limited to the permissions chosen when it was created (each operation's `x-ramp-permission`). For your backend only: never ship it to a browser or app.",
        },
        publishableKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "pk_test_… / pk_live_…",
          description: "Publishable key (`pk_…`). Safe in browsers and apps.",
        },
      },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description:
            "A unique value per operation (e.g. a UUID). A retry with the same key and body replays the first answer (`Idempotent-Replayed: true`) for 24 hours; the same key with another body is refused.",
          schema: { type: "string", minLength: 1, maxLength: 255 },
        },
      },
      headers: {
        RequestId: { description: "This request's id (`req_…`); quote it to support.", schema: { type: "string" } },
        RetryAfter: { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 0 } },
        IdempotentReplayed: {
          description: "`true` when this is a replay of an earlier request with the same Idempotency-Key.",
          schema: { type: "string", enum: ["true"] },
        },
      },
    },
  };
}
