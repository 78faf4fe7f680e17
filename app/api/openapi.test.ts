/**
 * The OpenAPI document (GET /v1/openapi.json) against the API it describes:
 * - it is valid OpenAPI 3.1, and each of its schemas is valid JSON Schema 2020-12;
 * - every API route file is in `paths` with exactly the methods it answers (found by calling
 *   the route: a method it refuses answers 405), so a new route without docs fails here;
 * - request bodies require and permit exactly what the routes' zod schemas do, and the
 *   values the document lists (enums) are the values the schemas accept;
 * - real answers of every endpoint, run in-process on a database, match the documented
 *   response schemas for their status exactly (no undocumented field, no undocumented
 *   error code), and so do the document's examples.
 */
import fs from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { validate } from "@readme/openapi-parser";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type z } from "zod";
import { insertApiProject, type ProjectIds, type TestKeys } from "~test/contexts";
import { createTestDatabase, type TestDatabase } from "~test/database";
import { useInProcessProviders } from "~test/in-process-providers";
import { call, type ApiCall } from "~test/api-client";
import { decideSandboxPayment } from "~/sandbox/provider.server";
import { schema as dbSchema } from "~/lib/db.server";
import { ERROR_STATUS } from "~/lib/domain-error";
import { DomainError } from "~/lib/domain-error";
import { LIST_PARAMETER_NAMES, MAX_LIST_LIMIT, parseListParams } from "./list-params";
import { apiReference } from "~/docs/api-reference";
import { ORDER_EXAMPLES } from "~/orders/openapi.server";
import { SESSION_EXAMPLES } from "~/sessions/openapi.server";
import { WEBHOOK_EXAMPLES } from "~/webhooks/openapi.server";
import type { OpenApiDocument } from "./openapi/document.server";
import { ERROR_CODE_DESCRIPTIONS } from "./openapi/operation";
import { buildOpenApiDocument, REQUEST_ZOD_SCHEMAS, RESPONSE_EXAMPLES } from "./registry.server";
import { quoteQuerySchema, supportedQuerySchema } from "~/quotes/schemas";
import { createSessionSchema } from "~/sessions/schemas";

const BASE_URL = "https://ramp.example";
const EXAMPLES = { ...SESSION_EXAMPLES, ...ORDER_EXAMPLES, ...WEBHOOK_EXAMPLES };
const ROUTES_DIR = path.resolve(__dirname, "../routes");
const DOC_ID = "https://ramp.test/openapi.json";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type JsonSchema = Record<string, unknown>;
let doc: OpenApiDocument;

beforeAll(() => {
  doc = buildOpenApiDocument(BASE_URL);
});

/** Remix flat-route file name → URL path template: dots are slashes, `[.]` a dot, `$id` `{id}`. */
function routePath(file: string): string {
  const name = file.replace(/\.tsx?$/, "").replaceAll("[.]", "\u0000");
  const segments = name.split(".").map((segment) => segment.replaceAll("\u0000", "."));
  return `/${segments.map((s) => (s.startsWith("$") ? `{${s.slice(1)}}` : s)).join("/")}`;
}

const API_ROUTE_FILES = fs
  .readdirSync(ROUTES_DIR)
  .filter((file) => /^(v1|public\.v1)\..+\.tsx?$/.test(file))
  .sort();

describe("the document", () => {
  it("is valid OpenAPI 3.1", async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors.map((e) => e.message)).toEqual([]);
    expect(doc.info.title).toBe("Ramp Partner API");
    expect(doc.servers).toEqual([{ url: BASE_URL }]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["publishableKey", "secretKey"]);
    for (const name of ["Session", "Order", "Error", "List"]) expect(doc.components.schemas[name], name).toBeDefined();
  });

  it("has schemas that are valid JSON Schema 2020-12", () => {
    const ajv = newAjv();
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).toBe(true);
    }
  });

  it("describes every error code", () => {
    expect(Object.keys(ERROR_CODE_DESCRIPTIONS).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  });

  it("gives every operation an Idempotency-Key when it is a POST, and a Request-Id on every answer", () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const refs = (op.parameters ?? []).map((x) => (x as { $ref?: string }).$ref);
        if (method === "post") expect(refs, `${method} ${p}`).toContain("#/components/parameters/IdempotencyKey");
        for (const [status, response] of Object.entries(op.responses)) {
          expect(Object.keys((response as { headers: object }).headers), `${method} ${p} ${status}`).toContain("Request-Id");
        }
      }
    }
  });
});

describe("routes and paths", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("finds the API route files", () => {
    expect(API_ROUTE_FILES).toContain("v1.sessions.ts");
    expect(API_ROUTE_FILES).toContain("public.v1.onramp.quotes.ts");
    expect(routePath("v1.sessions.$sessionId.confirm.ts")).toBe("/v1/sessions/{sessionId}/confirm");
    expect(routePath("v1.openapi[.]json.ts")).toBe("/v1/openapi.json");
  });

  it("documents every API route with exactly the methods it answers, and nothing else", async () => {
    const served: Record<string, string[]> = {};
    for (const file of API_ROUTE_FILES) {
      const template = routePath(file);
      const params = Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, "x_doesnotexist"]));
      const url = `http://localhost:3000${template.replace(/\{(\w+)\}/g, "x_doesnotexist")}`;
      const mod = (await import(path.join(ROUTES_DIR, file))) as Record<string, unknown>;
      const methods: string[] = [];
      for (const [exported, method] of [
        ["loader", "GET"],
        ["action", "POST"],
        ["action", "DELETE"],
      ] as const) {
        const handler = mod[exported] as ((args: LoaderFunctionArgs) => Promise<Response> | Response) | undefined;
        if (!handler) continue;
        const request = new Request(url, { method, ...(method === "POST" ? { body: "{}", headers: { "Content-Type": "application/json" } } : {}) });
        const response = await handler({ request, params, context: {} } as LoaderFunctionArgs);
        // A method a route refuses answers 405; anything else (401, 400, 404, 200…) means it is served.
        if (response.status !== 405) methods.push(method.toLowerCase());
      }
      if (methods.length) served[template] = methods.sort();
    }
    const documented = Object.fromEntries(
      Object.entries(doc.paths).map(([p, item]) => [
        p,
        Object.keys(item)
          .filter((k) => METHODS.includes(k))
          .sort(),
      ]),
    );
    expect(documented).toEqual(served);
  });
});

/** Properties, required names and whether unknown fields are refused, as zod sees an object schema. */
function zodContract(schema: z.ZodObject) {
  const fields = Object.keys(schema.shape).sort();
  // A field that accepts undefined on input (optional or defaulted) is optional.
  const required = fields.filter((name) => !(schema.shape[name] as z.ZodType).safeParse(undefined).success).sort();
  const strict = !schema.safeParse({ __not_a_field__: 1 }).error?.issues.every((i) => i.code !== "unrecognized_keys");
  return { fields, required, strict };
}

function requestSchema(name: keyof typeof REQUEST_ZOD_SCHEMAS) {
  return doc.components.schemas[name] as { properties: Record<string, JsonSchema>; required?: string[]; additionalProperties?: boolean; anyOf?: unknown };
}

describe("request bodies", () => {
  it("POST /v1/sessions requires and permits exactly createSessionSchema's fields", () => {
    const op = doc.paths["/v1/sessions"]!.post!;
    expect((op as unknown as { requestBody: { content: Record<string, { schema: unknown }> } }).requestBody.content["application/json"]!.schema).toEqual({
      $ref: "#/components/schemas/CreateSessionRequest",
    });
    const documented = requestSchema("CreateSessionRequest");
    const contract = zodContract(createSessionSchema);
    expect(Object.keys(documented.properties).sort()).toEqual(contract.fields);
    expect((documented.required ?? []).sort()).toEqual(contract.required);
    expect(documented.additionalProperties).toBe(false);
    expect(contract.strict).toBe(true);
    // The superRefine: one of the two customer fields.
    expect(documented.anyOf).toEqual([{ required: ["externalCustomerId"] }, { required: ["customerId"] }]);
    const { externalCustomerId: _e, ...withoutCustomer } = EXAMPLES.createSession;
    expect(createSessionSchema.safeParse(withoutCustomer).success).toBe(false);
    expect(createSessionSchema.safeParse({ ...withoutCustomer, customerId: "cust_abc" }).success).toBe(true);
  });

  it.each(Object.keys(REQUEST_ZOD_SCHEMAS) as (keyof typeof REQUEST_ZOD_SCHEMAS)[])("%s matches its zod schema, field by field", (name) => {
    const zodSchema = REQUEST_ZOD_SCHEMAS[name] as unknown as z.ZodObject;
    const documented = requestSchema(name);
    const contract = zodContract(zodSchema);
    expect(Object.keys(documented.properties).sort()).toEqual(contract.fields);
    expect((documented.required ?? []).sort()).toEqual(contract.required);
    expect(documented.additionalProperties === false).toBe(contract.strict);
    for (const [field, property] of Object.entries(documented.properties)) {
      expect(property.description, `${name}.${field} has a description`).toEqual(expect.any(String));
      expectEnumMatches(zodSchema, field, property);
    }
  });

  it("has examples the zod schemas accept", () => {
    expect(createSessionSchema.safeParse(EXAMPLES.createSession).error).toBeUndefined();
    expect(REQUEST_ZOD_SCHEMAS.ConfirmSessionRequest.safeParse(EXAMPLES.confirmSession).error).toBeUndefined();
    expect(REQUEST_ZOD_SCHEMAS.CreateSessionOrderRequest.safeParse(EXAMPLES.sessionOrder).error).toBeUndefined();
    expect(REQUEST_ZOD_SCHEMAS.CheckoutIntentRequest.safeParse(EXAMPLES.checkoutIntent).error).toBeUndefined();
    expect(REQUEST_ZOD_SCHEMAS.CreateWebhookEndpointRequest.safeParse(EXAMPLES.createWebhookEndpoint).error).toBeUndefined();
    expect(REQUEST_ZOD_SCHEMAS.UpdateWebhookEndpointRequest.safeParse(EXAMPLES.updateWebhookEndpoint).error).toBeUndefined();
  });
});

/** Every value a documented enum lists passes the field's zod check, and a value outside it doesn't. */
function expectEnumMatches(schema: z.ZodObject, field: string, property: JsonSchema) {
  const values = (property.enum ?? (property.const !== undefined ? [property.const] : undefined)) as string[] | undefined;
  if (!values) return;
  const issuesOf = (value: unknown) => schema.safeParse({ [field]: value }).error?.issues.filter((i) => i.path[0] === field) ?? [];
  for (const value of values) expect(issuesOf(value), `${field}=${value}`).toEqual([]);
  expect(issuesOf("not-a-listed-value").length, `${field} refuses an unlisted value`).toBeGreaterThan(0);
}

function parametersOf(p: string, method: "get" | "post") {
  return (doc.paths[p]![method]!.parameters ?? []) as { name: string; in: string; required: boolean; description: string; schema: JsonSchema }[];
}

describe("query parameters", () => {
  it.each([
    ["/public/v1/onramp/quotes", quoteQuerySchema],
    ["/public/v1/onramp/supported", supportedQuerySchema],
  ] as const)("%s takes exactly its zod schema's parameters", (p, schema) => {
    const parameters = parametersOf(p, "get");
    const contract = zodContract(schema as unknown as z.ZodObject);
    expect(parameters.map((x) => x.name).sort()).toEqual(contract.fields);
    expect(
      parameters
        .filter((x) => x.required)
        .map((x) => x.name)
        .sort(),
    ).toEqual(contract.required);
    for (const parameter of parameters) {
      expect(parameter.in).toBe("query");
      expect(parameter.description).not.toBe("");
      expectEnumMatches(schema as unknown as z.ZodObject, parameter.name, parameter.schema);
    }
  });

  it.each([
    ["/v1/sessions", dbSchema.SESSION_STATUSES],
    ["/v1/orders", dbSchema.ORDER_STATUSES],
  ] as const)("%s takes exactly the list parameters parseListParams reads, with its bounds and values", (p, statuses) => {
    const parameters = parametersOf(p, "get");
    expect(parameters.map((x) => x.name).sort()).toEqual([...LIST_PARAMETER_NAMES].sort());
    const parse = (query: Record<string, string>) => {
      try {
        parseListParams(new URLSearchParams(query), { statuses });
        return true;
      } catch (error) {
        if (error instanceof DomainError) return false;
        throw error;
      }
    };
    const schemaOf = (name: string) =>
      parameters.find((x) => x.name === name)!.schema as { enum?: string[]; minimum?: number; maximum?: number; pattern?: string };
    const limit = schemaOf("limit");
    expect(limit.maximum).toBe(MAX_LIST_LIMIT);
    expect([parse({ limit: String(limit.minimum) }), parse({ limit: String(limit.maximum) })]).toEqual([true, true]);
    expect([parse({ limit: String(limit.minimum! - 1) }), parse({ limit: String(limit.maximum! + 1) })]).toEqual([false, false]);
    for (const name of ["status", "destination_currency", "destination_network"]) {
      for (const value of schemaOf(name).enum!) expect(parse({ [name]: value }), `${name}=${value}`).toBe(true);
      expect(parse({ [name]: "not-a-value" })).toBe(false);
    }
    expect(schemaOf("status").enum).toEqual([...statuses]);
    for (const name of ["created", "created[gt]", "created[gte]", "created[lt]", "created[lte]"]) {
      const seconds = schemaOf(name);
      expect([parse({ [name]: String(seconds.minimum) }), parse({ [name]: String(seconds.maximum) })]).toEqual([true, true]);
      expect([parse({ [name]: String(seconds.minimum! - 1) }), parse({ [name]: String(seconds.maximum! + 1) })]).toEqual([false, false]);
    }
    const cursor = new RegExp(schemaOf("starting_after").pattern!);
    expect(cursor.test("sess_4f9GkQ2xYvB7nR1mT8pLc3Wd")).toBe(true);
    expect([parse({ starting_after: "sess_4f9GkQ" }), parse({ starting_after: "not a cursor" })]).toEqual([true, false]);
  });
});

// ---------------------------------------------------------------------------------------
// Responses: the documented schemas, made strict, against real answers and the examples.
// ---------------------------------------------------------------------------------------

function newAjv() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  for (const format of ["date-time", "uuid", "email", "uri"]) ajv.addFormat(format, true);
  return ajv;
}

/**
 * The document's schemas with every object closed (`unevaluatedProperties: false`), so an
 * answer with a field the document doesn't name fails. The branches of an allOf are left
 * open: the allOf itself is closed instead.
 */
function closed(schema: unknown, open = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, open));
  if (!schema || typeof schema !== "object") return schema;
  const s = schema as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === "$ref" && typeof value === "string") out[key] = value.replace(/^#/, DOC_ID + "#");
    else if (key === "allOf") out[key] = closed(value, true);
    else if (key === "properties") out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([k, v]) => [k, closed(v, open)]));
    else if (key === "enum" || key === "const" || key === "required" || key === "examples" || key === "default") out[key] = value;
    else out[key] = closed(value, open);
  }
  if (!open && (s.properties || s.allOf) && s.additionalProperties === undefined) out.unevaluatedProperties = false;
  return out;
}

let ajv: ReturnType<typeof newAjv>;
const validators = new Map<string, ValidateFunction>();

function responseValidator(p: string, method: string, status: number): ValidateFunction {
  const key = `${method} ${p} ${status}`;
  let validator = validators.get(key);
  if (!validator) {
    if (!ajv) {
      ajv = newAjv();
      ajv.addSchema({ $id: DOC_ID, components: { schemas: closed(doc.components.schemas) } });
    }
    const responses = (doc.paths[p] as Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>)[method]!.responses;
    const response = responses[String(status)];
    if (!response) throw new Error(`${key}: status ${status} is not documented`);
    validator = ajv.compile(closed(response.content["application/json"]!.schema) as object);
    validators.set(key, validator);
  }
  return validator;
}

/** The answer's status is documented for the operation, and its body matches that schema exactly. */
function expectDocumented(p: string, method: "get" | "post" | "delete", result: ApiCall) {
  const validate = responseValidator(p, method, result.status);
  const ok = validate(result.body);
  expect(ok ? [] : validate.errors, `${method.toUpperCase()} ${p} → ${result.status} ${JSON.stringify(result.body).slice(0, 400)}`).toEqual([]);
}

describe("documented examples", () => {
  it("match their schemas exactly", () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const content = (response as { content: Record<string, { example?: unknown }> }).content["application/json"]!;
          if (content.example === undefined) continue;
          expectDocumented(p, method as "get", { status: Number(status), headers: new Headers(), body: content.example });
        }
      }
    }
    expect(Object.keys(RESPONSE_EXAMPLES).length).toBeGreaterThan(5);
  });
});

describe("real answers", () => {
  let database: TestDatabase;
  let ids: ProjectIds;
  let restoreFetch: () => void;
  let keys: TestKeys;

  beforeAll(async () => {
    database = await createTestDatabase();
    restoreFetch = useInProcessProviders();
    ({ ids, keys } = await insertApiProject(database.db, "Docs shop"));
  });
  afterAll(async () => {
    restoreFetch?.();
    await database?.destroy();
  });

  const route = async (file: string) => (await import(path.join(ROUTES_DIR, file))) as { loader?: never; action?: never };

  it("of the session, order and public endpoints match the document", async () => {
    const sessions = await route("v1.sessions.ts");
    const one = await route("v1.sessions.$sessionId.ts");
    const confirm = await route("v1.sessions.$sessionId.confirm.ts");
    const cancel = await route("v1.sessions.$sessionId.cancel.ts");
    const placeOrder = await route("v1.sessions.$sessionId.order.ts");
    const orders = await route("v1.orders.ts");
    const oneOrder = await route("v1.orders.$orderId.ts");
    const quotes = await route("public.v1.onramp.quotes.ts");
    const supported = await route("public.v1.onramp.supported.ts");
    const intent = await route("public.v1.onramp.checkout-intent.ts");
    const transaction = await route("public.v1.onramp.transactions.$transactionId.ts");

    const created = await call(sessions.action!, {
      path: "/v1/sessions",
      key: keys.sk,
      body: { ...EXAMPLES.createSession, country: "us", fieldLocks: { sourceAmount: { locked: false, min: "50", max: "500" } } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectDocumented("/v1/sessions", "post", created);
    const sessionId = created.body.id as string;
    const clientSecret = created.body.attributes.clientSecret as string;

    expectDocumented("/v1/sessions", "post", await call(sessions.action!, { path: "/v1/sessions", key: keys.sk, body: { sourceCurrency: "XYZ" } }));
    expectDocumented("/v1/sessions", "post", await call(sessions.action!, { path: "/v1/sessions", key: keys.pk, body: EXAMPLES.createSession }));
    expectDocumented("/v1/sessions", "post", await call(sessions.action!, { path: "/v1/sessions", key: null, body: EXAMPLES.createSession }));
    const idem = { "Idempotency-Key": "docs-1" };
    expectDocumented("/v1/sessions", "post", await call(sessions.action!, { path: "/v1/sessions", key: keys.sk, body: EXAMPLES.createSession, headers: idem }));
    const reused = await call(sessions.action!, { path: "/v1/sessions", key: keys.sk, body: { ...EXAMPLES.createSession, sourceAmount: "99" }, headers: idem });
    expect(reused.status).toBe(409);
    expectDocumented("/v1/sessions", "post", reused);

    const read = await call(one.loader!, { path: `/v1/sessions/${sessionId}`, key: keys.pk, params: { sessionId } });
    expect(read.status).toBe(200);
    expectDocumented("/v1/sessions/{sessionId}", "get", read);
    expectDocumented(
      "/v1/sessions/{sessionId}",
      "get",
      await call(one.loader!, { path: "/v1/sessions/sess_nope", key: keys.pk, params: { sessionId: "sess_nope" } }),
    );

    const confirmed = await call(confirm.action!, {
      path: `/v1/sessions/${sessionId}/confirm`,
      key: keys.pk,
      params: { sessionId },
      body: { clientSecret, sourceAmount: "120" },
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expectDocumented("/v1/sessions/{sessionId}/confirm", "post", confirmed);
    const wrongSecret = await call(confirm.action!, {
      path: `/v1/sessions/${sessionId}/confirm`,
      key: keys.pk,
      params: { sessionId },
      body: { clientSecret: "nope" },
    });
    expect(wrongSecret.status).toBe(403);
    expectDocumented("/v1/sessions/{sessionId}/confirm", "post", wrongSecret);

    const listed = await call(sessions.loader!, { path: "/v1/sessions?limit=2&status=confirmed", key: keys.sk });
    expect(listed.status).toBe(200);
    expect(listed.body.data.length).toBeGreaterThan(0);
    expectDocumented("/v1/sessions", "get", listed);
    expectDocumented("/v1/sessions", "get", await call(sessions.loader!, { path: "/v1/sessions?limit=0", key: keys.sk }));

    const order = await call(placeOrder.action!, {
      path: `/v1/sessions/${sessionId}/order`,
      key: keys.pk,
      params: { sessionId },
      body: { ...EXAMPLES.sessionOrder, clientSecret, fiatAmount: "120", gateway: "banxa" },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expectDocumented("/v1/sessions/{sessionId}/order", "post", order);
    const again = await call(placeOrder.action!, {
      path: `/v1/sessions/${sessionId}/order`,
      key: keys.pk,
      params: { sessionId },
      body: { ...EXAMPLES.sessionOrder, clientSecret, fiatAmount: "120", gateway: "banxa" },
    });
    expect(again.body.error?.code).toBe("SESSION_ALREADY_USED");
    expectDocumented("/v1/sessions/{sessionId}/order", "post", again);
    const orderId = order.body.id as string;

    const cancelled = await call(cancel.action!, { path: `/v1/sessions/${sessionId}/cancel`, key: keys.sk, params: { sessionId }, body: {} });
    expectDocumented("/v1/sessions/{sessionId}/cancel", "post", cancelled);
    const fresh = await call(sessions.action!, { path: "/v1/sessions", key: keys.sk, body: { externalCustomerId: "player_2" } });
    const cancelledFresh = await call(cancel.action!, {
      path: `/v1/sessions/${fresh.body.id}/cancel`,
      key: keys.sk,
      params: { sessionId: fresh.body.id },
      body: {},
    });
    expect(cancelledFresh.status).toBe(200);
    expectDocumented("/v1/sessions/{sessionId}/cancel", "post", cancelledFresh);

    const orderRead = await call(oneOrder.loader!, { path: `/v1/orders/${orderId}`, key: keys.sk, params: { orderId } });
    expect(orderRead.status).toBe(200);
    expectDocumented("/v1/orders/{orderId}", "get", orderRead);
    expectDocumented("/v1/orders/{orderId}", "get", await call(oneOrder.loader!, { path: `/v1/orders/${orderId}`, key: keys.pk, params: { orderId } }));
    // Refund: refused while the order is not completed, then accepted once the sandbox payment is approved.
    const refund = await route("v1.orders.$orderId.refund.ts");
    const early = await call(refund.action!, { path: `/v1/orders/${orderId}/refund`, key: keys.sk, params: { orderId }, body: {} });
    expect(early.body.error?.code).toBe("INVALID_STATE");
    expectDocumented("/v1/orders/{orderId}/refund", "post", early);
    const [placed] = await database.db.select().from(dbSchema.order).where(eq(dbSchema.order.id, orderId));
    await decideSandboxPayment(database.db, "banxa", placed!.providerOrderId!, "approve");
    const refunded = await call(refund.action!, { path: `/v1/orders/${orderId}/refund`, key: keys.sk, params: { orderId }, body: EXAMPLES.refundOrder });
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    expect(refunded.body.attributes).toMatchObject({ status: "refunded", refundReason: EXAMPLES.refundOrder.reason });
    expectDocumented("/v1/orders/{orderId}/refund", "post", refunded);

    const orderList = await call(orders.loader!, { path: "/v1/orders", key: keys.sk });
    expect(orderList.body.data.length).toBeGreaterThan(0);
    expectDocumented("/v1/orders", "get", orderList);

    const quoted = await call(quotes.loader!, {
      path: `/public/v1/onramp/quotes?projectId=${ids.projectId}&fiatCurrency=USD&cryptoCurrency=ETH&network=ethereum&fiatAmount=100`,
    });
    expect(quoted.status, JSON.stringify(quoted.body)).toBe(200);
    expect(quoted.body.data.quotes.length).toBeGreaterThan(0);
    expectDocumented("/public/v1/onramp/quotes", "get", quoted);
    expectDocumented(
      "/public/v1/onramp/quotes",
      "get",
      await call(quotes.loader!, {
        path: `/public/v1/onramp/quotes?projectId=${ids.projectId}&fiatCurrency=XYZ&cryptoCurrency=ETH&network=ethereum&fiatAmount=100`,
      }),
    );
    expectDocumented(
      "/public/v1/onramp/quotes",
      "get",
      await call(quotes.loader!, {
        path: `/public/v1/onramp/quotes?projectId=${ids.projectId}&fiatCurrency=USD&cryptoCurrency=ETH&network=ethereum&fiatAmount=100`,
        key: keys.sk,
      }),
    );

    const offered = await call(supported.loader!, { path: `/public/v1/onramp/supported?projectId=${ids.projectId}`, key: keys.pk });
    expect(offered.status).toBe(200);
    expectDocumented("/public/v1/onramp/supported", "get", offered);
    expectDocumented(
      "/public/v1/onramp/supported",
      "get",
      await call(supported.loader!, { path: "/public/v1/onramp/supported?projectId=00000000-0000-4000-8000-000000000000" }),
    );

    const intended = await call(intent.action!, { path: "/public/v1/onramp/checkout-intent", body: { ...EXAMPLES.checkoutIntent, projectId: ids.projectId } });
    expect(intended.status, JSON.stringify(intended.body)).toBe(201);
    expectDocumented("/public/v1/onramp/checkout-intent", "post", intended);
    expectDocumented(
      "/public/v1/onramp/checkout-intent",
      "post",
      await call(intent.action!, {
        path: "/public/v1/onramp/checkout-intent",
        body: { ...EXAMPLES.checkoutIntent, projectId: ids.projectId, gateway: "nope" },
      }),
    );

    const status = await call(transaction.loader!, { path: `/public/v1/onramp/transactions/${orderId}`, params: { transactionId: orderId } });
    expect(status.status).toBe(200);
    expectDocumented("/public/v1/onramp/transactions/{transactionId}", "get", status);
    expectDocumented(
      "/public/v1/onramp/transactions/{transactionId}",
      "get",
      await call(transaction.loader!, { path: "/public/v1/onramp/transactions/ord_nope", params: { transactionId: "ord_nope" } }),
    );
  });

  it("of the webhook endpoint endpoints match the document", async () => {
    const list = await route("v1.webhook_endpoints.ts");
    const one = await route("v1.webhook_endpoints.$endpointId.ts");
    const created = await call(list.action!, { path: "/v1/webhook_endpoints", key: keys.sk, body: EXAMPLES.createWebhookEndpoint });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectDocumented("/v1/webhook_endpoints", "post", created);
    expectDocumented("/v1/webhook_endpoints", "post", await call(list.action!, { path: "/v1/webhook_endpoints", key: keys.sk, body: { url: "nope" } }));
    expectDocumented(
      "/v1/webhook_endpoints",
      "post",
      await call(list.action!, { path: "/v1/webhook_endpoints", key: keys.pk, body: EXAMPLES.createWebhookEndpoint }),
    );
    // A replay with the same Idempotency-Key answers the same endpoint and secret.
    const idem = { "Idempotency-Key": "docs-webhook-1" };
    const first = await call(list.action!, { path: "/v1/webhook_endpoints", key: keys.sk, body: EXAMPLES.createWebhookEndpoint, headers: idem });
    const replay = await call(list.action!, { path: "/v1/webhook_endpoints", key: keys.sk, body: EXAMPLES.createWebhookEndpoint, headers: idem });
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
    expectDocumented("/v1/webhook_endpoints", "post", replay);
    const id = created.body.id as string;
    const params = { endpointId: id };
    expectDocumented("/v1/webhook_endpoints", "get", await call(list.loader!, { path: "/v1/webhook_endpoints", key: keys.sk }));
    expectDocumented("/v1/webhook_endpoints/{endpointId}", "get", await call(one.loader!, { path: `/v1/webhook_endpoints/${id}`, key: keys.sk, params }));
    expectDocumented(
      "/v1/webhook_endpoints/{endpointId}",
      "get",
      await call(one.loader!, { path: "/v1/webhook_endpoints/we_nope", key: keys.sk, params: { endpointId: "we_nope" } }),
    );
    const updated = await call(one.action!, { path: `/v1/webhook_endpoints/${id}`, key: keys.sk, params, body: { description: "Renamed" } });
    expect(updated.status).toBe(200);
    expectDocumented("/v1/webhook_endpoints/{endpointId}", "post", updated);
    const rolled = await call(one.action!, { path: `/v1/webhook_endpoints/${id}`, key: keys.sk, params, body: EXAMPLES.updateWebhookEndpoint });
    expect(rolled.body.attributes.secret).toMatch(/^whsec_/);
    expectDocumented("/v1/webhook_endpoints/{endpointId}", "post", rolled);
    expectDocumented(
      "/v1/webhook_endpoints/{endpointId}",
      "post",
      await call(one.action!, { path: `/v1/webhook_endpoints/${id}`, key: keys.sk, params, body: { unknown: 1 } }),
    );
    const deleted = await call(one.action!, { method: "DELETE", path: `/v1/webhook_endpoints/${id}`, key: keys.sk, params });
    expect(deleted.status).toBe(200);
    expectDocumented("/v1/webhook_endpoints/{endpointId}", "delete", deleted);
    expectDocumented(
      "/v1/webhook_endpoints/{endpointId}",
      "delete",
      await call(one.action!, { method: "DELETE", path: `/v1/webhook_endpoints/${id}`, key: keys.sk, params }),
    );
  });

  it("of GET /v1/openapi.json is this document, public and cacheable", async () => {
    const { loader } = await route("v1.openapi[.]json.ts");
    const request = new Request("http://localhost:3000/v1/openapi.json");
    const response = await (loader as unknown as (args: LoaderFunctionArgs) => Promise<Response>)({ request, params: {}, context: {} } as LoaderFunctionArgs);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Cache-Control")).toMatch(/max-age=\d+/);
    expect(response.headers.get("Request-Id")).toMatch(/^req_/);
    const body = (await response.json()) as OpenApiDocument;
    expect(body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(body.paths)).toEqual(Object.keys(doc.paths));
    const etag = response.headers.get("ETag")!;
    const revalidated = await (loader as unknown as (args: LoaderFunctionArgs) => Promise<Response>)({
      request: new Request("http://localhost:3000/v1/openapi.json", { headers: { "If-None-Match": etag } }),
      params: {},
      context: {},
    } as LoaderFunctionArgs);
    expect(revalidated.status).toBe(304);
  });
});

describe("the console's reading", () => {
  it("lists every operation under its tag, with fields, a curl example and error codes", () => {
    const reference = apiReference(doc);
    const endpoints = reference.tags.flatMap((t) => t.endpoints);
    expect(endpoints.length).toBe(Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0));
    const create = endpoints.find((e) => e.method === "POST" && e.path === "/v1/sessions")!;
    expect(create.auth.kind).toBe("secret");
    expect(
      create
        .body!.fields.filter((f) => !f.name.includes("."))
        .map((f) => f.name)
        .sort(),
    ).toEqual(Object.keys(createSessionSchema.shape).sort());
    expect(create.body!.fields.find((f) => f.name === "expiresInSeconds")!.constraints).toEqual(["1–86400", "default: 1800"]);
    expect(create.body!.fields.map((f) => f.name)).toContain("fieldLocks.<key>.locked");
    expect(create.curl).toContain(`curl -X POST ${BASE_URL}/v1/sessions`);
    expect(create.curl).toContain("Bearer sk_test_YOUR_SECRET_KEY");
    expect(create.errors.find((e) => e.status === "409")!.codes.map((c) => c.code)).toEqual(["IDEMPOTENCY_KEY_REUSED", "IDEMPOTENCY_KEY_IN_USE"]);
    const order = endpoints.find((e) => e.path === "/v1/sessions/{sessionId}/order")!;
    expect(order.auth.kind).toBe("clientSecret");
    expect(order.curl).toContain("/v1/sessions/sess_");
    const quotes = endpoints.find((e) => e.path === "/public/v1/onramp/quotes")!;
    expect(quotes.auth.kind).toBe("none");
    expect(quotes.curl).not.toContain("Authorization");
    expect(quotes.curl).toContain("-d fiatCurrency=USD");
    expect(reference.objects.map((o) => o.name)).toEqual(expect.arrayContaining(["Session", "Order", "Error", "List"]));
    // Every response links to an object the page describes.
    for (const endpoint of endpoints) {
      if (endpoint.success.schema)
        expect(
          reference.objects.map((o) => o.name),
          endpoint.operationId,
        ).toContain(endpoint.success.schema);
    }
    const sessionList = reference.objects.find((o) => o.name === "SessionList")!;
    expect(sessionList.fields.map((f) => [f.name, f.type])).toContainEqual(["data", "Session[]"]);
    expect(sessionList.fields.filter((f) => f.name === "data")).toHaveLength(1);
  });
});
