/**
 * The API under generated hostile input (fast-check): every endpoint of the registry, called through its route module
 * as a partner's HTTP client would, with methods it does and doesn't serve, keys of every kind (and none, and garbage),
 * path ids (ours, another project's, made up, NUL, malformed percent-encoding), list and query parameters in and out
 * of their documented schemas (unknown and repeated ones too), bodies mutated from the documented example (a field of
 * another JSON type, NUL, lone surrogates, huge strings, unknown fields, nesting past the limit, not JSON, not an
 * object), any content type and Idempotency-Key; and made-up paths under /v1/ and /public/v1/.
 *
 * Every answer must be below 500, carry a Request-Id, and be the error envelope when it is an error. A request the
 * generator made invalid on purpose (and knows why) must be refused: nothing invalid is accepted.
 * The totals by status are printed at the end. FUZZ_RUNS sets the requests per endpoint (default 200 on PostgreSQL,
 * 100 on PGlite), FUZZ_SEED the seed (default fixed; `random` for a new one each run).
 */
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEndpoint } from "~db/schema";
import type { Endpoint } from "~/api/endpoint.server";
import { MAX_JSON_DEPTH } from "~/api/input-guards";
import type { Parameter } from "~/api/openapi/schema";
import { API_ENDPOINTS } from "~/api/registry.server";
import { createApiKey } from "~/keys/keys.server";
import { revokeApiKey } from "~/keys/lifecycle.server";
import { createEndpoint } from "~/webhooks/endpoints.server";
import * as unknownV1 from "~/routes/v1.$/route";
import * as unknownPublicV1 from "~/routes/public.v1.$/route";
import { call } from "./api-client";
import { handlerFor, moduleOf, routeOf, type Route } from "./api-routes";
import { insertApiProject, projectContext, type ProjectIds } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { orderBody, sessionBody } from "./fixtures";
import { useInProcessProviders } from "./in-process-providers";

// PGlite's pass shares CI's two cores with the browser shards and is the run's longest leg: it replays the
// first 100 of the same seeded requests; the PostgreSQL pass sends all 200.
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.TEST_DRIVER === "postgres" ? 200 : 100));
// Fixed by default, so CI replays the same requests; FUZZ_SEED=random explores (a failure prints its seed to replay).
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261204);
const NUL = "\u0000";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
const BASE = "http://localhost:3000";

let database: TestDatabase;
let restoreProviders: () => void;
let home: ProjectIds;

/** This project's objects, refreshed when a fuzzed request uses one up (an order placed, a session cancelled). */
const objects = { projectId: "", sessionId: "", clientSecret: "", orderId: "", endpointId: "", foreignSessionId: "", foreignOrderId: "" };
const keys = { secret: "", publishable: "", liveSecret: "", livePublishable: "", foreignSecret: "", foreignPublishable: "", revoked: "" };

/** Answers counted by status, for the printed totals. */
const totals = new Map<number, number>();
let requests = 0;

async function newSession(key = keys.secret) {
  const created = await call(routeOf(byOperation("createSession"))!, { path: "/v1/sessions", key, body: sessionBody() });
  return created.body.attributes as { sessionId: string; clientSecret: string };
}

async function newOrder(key = keys.secret) {
  const session = await newSession(key);
  const ordered = await call(routeOf(byOperation("createSessionOrder"))!, {
    path: `/v1/sessions/${session.sessionId}/order`,
    key,
    params: { sessionId: session.sessionId },
    body: orderBody({ clientSecret: session.clientSecret }),
  });
  return ordered.body.attributes.orderId as string;
}

const byOperation = (operationId: string) => API_ENDPOINTS.find((e) => e.operation.operationId === operationId)!;

beforeAll(async () => {
  database = await createTestDatabase();
  restoreProviders = useInProcessProviders();
  const created = await insertApiProject(database.db, "Fuzzed shop");
  home = created.ids;
  objects.projectId = home.projectId;
  keys.secret = created.keys.sk;
  keys.publishable = created.keys.pk;
  keys.liveSecret = (await createApiKey(database.db, { projectId: home.projectId, mode: "live", kind: "secret" })).token;
  keys.livePublishable = (await createApiKey(database.db, { projectId: home.projectId, mode: "live", kind: "publishable" })).token;
  const revoked = await createApiKey(database.db, { projectId: home.projectId, mode: "test", kind: "secret" });
  await revokeApiKey(projectContext(database.db, home, "test"), revoked.record.id);
  keys.revoked = revoked.token;
  const foreign = await insertApiProject(database.db, "Another shop");
  keys.foreignSecret = foreign.keys.sk;
  keys.foreignPublishable = foreign.keys.pk;
  objects.foreignSessionId = (await newSession(keys.foreignSecret)).sessionId;
  objects.foreignOrderId = await newOrder(keys.foreignSecret);
  await refreshObjects();
}, 60_000);

async function refreshObjects() {
  const session = await newSession();
  objects.sessionId = session.sessionId;
  objects.clientSecret = session.clientSecret;
  objects.orderId = await newOrder();
  // Endpoints are few per project: make a new one only when a fuzzed DELETE removed ours.
  const [endpoint] = objects.endpointId ? await database.db.select().from(webhookEndpoint).where(eq(webhookEndpoint.id, objects.endpointId)) : [];
  if (!endpoint) {
    objects.endpointId = (
      await createEndpoint(projectContext(database.db, home, "test"), { url: "https://hooks.example.com/ramp", enabledEvents: ["*"] })
    ).endpoint.id;
  }
}

afterAll(async () => {
  restoreProviders?.();
  await database?.destroy();
  const byStatus = [...totals.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`);
  console.log(`api fuzz (${process.env.TEST_DRIVER ?? "pglite"}, seed ${SEED}): ${requests} requests; by status ${byStatus.join(", ")}`);
});

// ---------------------------------------------------------------------------------------------------------------
// Generators. Each request carries the reasons it is invalid, when the generator made it so on purpose.
// ---------------------------------------------------------------------------------------------------------------

interface Fuzzed {
  method: string;
  /** Path and query, as sent (already encoded). */
  target: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  invalid: string[];
}

/** Printable ASCII without line breaks: what an HTTP header value can carry at all. */
const headerText = fc.string({ maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, ""));
const hugeString = fc.integer({ min: 1_000, max: 20_000 }).map((n) => "x".repeat(n));
const loneSurrogate = fc.constantFrom("\ud800", "a\udfff", "\udbff\udc00\ud800");

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary", maxLength: 20 }),
  loneSurrogate,
  hugeString,
  fc.constantFrom("", " ", "100", " 100 ", "1e400", "-0", "0x10", "١٢٣", "100.001", "99999999999999999999.99", "NaN", "null", "<script>", "' OR 1=1 --"),
);
/** Any JSON value, hostile strings included. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

const jsonType = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);
const containsNul = (value: unknown): boolean => JSON.stringify(value ?? null).includes("\\u0000");

/** JSON text nesting objects and arrays `depth` deep (as text: JSON.stringify itself would overflow the stack). */
function nestedText(depth: number): string {
  let open = "";
  let close = "";
  for (let i = 0; i < depth; i += 1) {
    open += i % 2 ? "[" : '{"a":';
    close = (i % 2 ? "]" : "}") + close;
  }
  return `${open}"deep"${close}`;
}

/** The documented example body with this project's projectId and clientSecret. */
function exampleBody(endpoint: Endpoint): Record<string, unknown> {
  const example = (endpoint.operation.body?.example ?? {}) as Record<string, unknown>;
  const ours = (name: string, value: unknown) => (name === "projectId" ? objects.projectId : name === "clientSecret" ? objects.clientSecret : value);
  return Object.fromEntries(Object.entries(example).map(([name, value]) => [name, ours(name, value)]));
}

type BodyPlan = { text: string | undefined; invalid: string[] };

function bodyArbitrary(endpoint: Endpoint): fc.Arbitrary<(example: Record<string, unknown>) => BodyPlan> {
  // Every POST endpoint reads a JSON object (an empty one where it takes no fields).
  const takesBody = endpoint.method === "POST";
  const withReasons = (value: unknown, reasons: string[]): BodyPlan => ({
    text: JSON.stringify(value),
    invalid: takesBody && containsNul(value) ? [...reasons, "NUL in the body"] : reasons,
  });
  const fields = Object.keys(endpoint.operation.body?.example ?? {});
  const field = fields.length ? fc.constantFrom(...fields) : fc.constant("anything");
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant((example: Record<string, unknown>) => withReasons(example, [])) },
    {
      weight: 6,
      arbitrary: fc.tuple(field, hostileValue).map(([name, value]) => (example: Record<string, unknown>) => {
        const before = example[name];
        // A field of another JSON type is invalid, unless the documented schema takes both (e.g. `rollSecret: true | {…}`).
        const documented = endpoint.operation.body?.schema.schema;
        const typeChanged =
          name in example && value !== null && jsonType(value) !== jsonType(before) && !documented?.safeParse({ ...example, [name]: value }).success;
        return withReasons({ ...example, [name]: value }, typeChanged ? [`${name}: a ${jsonType(value)} instead of a ${jsonType(before)}`] : []);
      }),
    },
    {
      weight: 2,
      arbitrary: field.map(
        (name) => (example: Record<string, unknown>) => withReasons(Object.fromEntries(Object.entries(example).filter(([k]) => k !== name)), []),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), hostileValue).map(
        ([name, value]) =>
          (example: Record<string, unknown>) =>
            withReasons({ ...example, [`zz_${name}`]: value }, takesBody ? [`unknown field zz_${name}`] : []),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(field, fc.integer({ min: MAX_JSON_DEPTH + 1, max: 5_000 })).map(([name, depth]) => (example: Record<string, unknown>) => ({
        text: JSON.stringify({ ...example, [name]: "__deep__" }).replace('"__deep__"', nestedText(depth)),
        invalid: takesBody ? ["nested too deeply"] : [],
      })),
    },
    {
      weight: 1,
      arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => () => withReasons(value, takesBody && jsonType(value) !== "object" ? ["not an object"] : [])),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{"a":', "{", "'single'", "NaN", '{"a":1}}', "undefined", "{'a':1}", "\u0000", "[1,]")
        .map((text) => () => ({ text, invalid: takesBody ? ["not JSON"] : [] })),
    },
    { weight: 1, arbitrary: fc.constant(() => ({ text: undefined, invalid: [] })) },
  );
}

/** Whether a query value breaks its documented schema (integer bounds, enum, pattern). */
function breaksSchema(parameter: Parameter, value: string): boolean {
  const schema = parameter.schema as { type?: string; minimum?: number; maximum?: number; enum?: unknown[]; pattern?: string };
  if (value.trim() === "") return false; // empty counts as absent
  if (schema.type === "integer") {
    if (!/^\d+$/.test(value.trim())) return true;
    const n = Number(value);
    return (schema.minimum !== undefined && n < schema.minimum) || (schema.maximum !== undefined && n > schema.maximum);
  }
  if (schema.enum) return !schema.enum.map(String).includes(value.trim());
  if (schema.pattern) return !new RegExp(schema.pattern).test(value.trim());
  return false;
}

function queryArbitrary(endpoint: Endpoint): fc.Arbitrary<{ query: [string, string][]; invalid: string[] }> {
  const parameters = (endpoint.operation.parameters ?? []).filter((p) => p.in === "query");
  const ours = (p: Parameter) => (p.name === "projectId" ? objects.projectId : String(p.example ?? ""));
  const valueOf = (p: Parameter) =>
    fc
      .oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 3, arbitrary: fc.constant("example") },
        {
          weight: 3,
          arbitrary: fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.integer({ min: -5, max: 500 }).map(String),
            fc.constantFrom("-1", "1.5", "1e3", "99999999999999999999", "abc", NUL),
          ),
        },
      )
      .map((choice) => (choice === "example" ? ours(p) : choice));
  const extra = fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 12 })), { freq: 4 });
  return fc
    .tuple(
      fc.tuple(...parameters.map(valueOf)),
      extra,
      fc.option(fc.constantFrom(...(parameters.length ? parameters : [{ name: "x" } as Parameter])), { freq: 8 }),
    )
    .map(([values, unknown, repeated]) => {
      const query: [string, string][] = [];
      const invalid: string[] = [];
      parameters.forEach((p, i) => {
        const value = values[i];
        if (value === null || value === undefined) return;
        query.push([p.name, value]);
        if (value.includes(NUL)) invalid.push(`${p.name}: NUL`);
        else if (breaksSchema(p, value)) invalid.push(`${p.name}=${JSON.stringify(value)} breaks its schema`);
      });
      const names = new Set(parameters.map((p) => p.name));
      if (unknown && !names.has(unknown[0])) {
        query.push(unknown);
        // The API's own description takes anything (tools add cache-busting parameters).
        if (endpoint.auth !== "none") invalid.push(`unknown parameter ${unknown[0]}`);
      }
      if (repeated && names.has(repeated.name) && query.some(([name, value]) => name === repeated.name && value.trim() !== "")) {
        query.push([repeated.name, query.find(([name]) => name === repeated.name)![1]]);
        invalid.push(`${repeated.name} given twice`);
      }
      return { query, invalid };
    });
}

/** The key a request sends, named, and whether the endpoint must refuse it. */
function authArbitrary(endpoint: Endpoint) {
  const right = endpoint.auth === "secret" ? "secret" : "publishable";
  const choices = [
    "right",
    "secret",
    "publishable",
    "liveSecret",
    "livePublishable",
    "foreignSecret",
    "foreignPublishable",
    "revoked",
    "none",
    "garbage",
    "basic",
    "empty",
  ] as const;
  // The right key half the time, so requests get past authentication to the domain's own checks.
  const choice = fc.oneof(
    { weight: choices.length, arbitrary: fc.constant("right" as const) },
    { weight: choices.length, arbitrary: fc.constantFrom(...choices) },
  );
  return fc.tuple(choice, headerText).map(([choice, text]) => {
    const token = choice === "right" ? keys[right] : choice in keys ? keys[choice as keyof typeof keys] : null;
    const header =
      token !== null
        ? `Bearer ${token}`
        : choice === "garbage"
          ? `Bearer ${text}`
          : choice === "basic"
            ? `Basic ${btoa("user:pass")}`
            : choice === "empty"
              ? "Bearer "
              : null;
    const refused = (() => {
      if (endpoint.auth === "none") return false;
      if (["revoked", "garbage", "basic", "empty"].includes(choice)) return true;
      if (endpoint.auth === "public") return choice.toLowerCase().includes("secret");
      if (choice === "none") return true;
      if (endpoint.auth === "secret") return choice.toLowerCase().includes("publishable");
      return false;
    })();
    return { header, refused, choice };
  });
}

/** A path parameter: mostly our own object, else something that names nothing of ours. */
function idArbitrary(name: string) {
  const own = () => (name === "sessionId" ? objects.sessionId : name === "endpointId" ? objects.endpointId : objects.orderId);
  const foreign = () => (name === "sessionId" ? objects.foreignSessionId : objects.foreignOrderId);
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant(() => ({ raw: encodeURIComponent(own()), value: own(), invalid: [] as string[], owner: "home" })) },
    { weight: 1, arbitrary: fc.constant(() => ({ raw: encodeURIComponent(foreign()), value: foreign(), invalid: [] as string[], owner: "foreign" })) },
    {
      weight: 3,
      arbitrary: fc
        .oneof(
          fc.string({ minLength: 1 }),
          fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
          hugeString,
          fc.constantFrom(NUL, "sess_", "ord_..", "..", "%2e%2e"),
        )
        .filter((s) => !/[\ud800-\udfff]/.test(s))
        .map((value) => () => ({ raw: encodeURIComponent(value), value, invalid: ["an id that names nothing"] })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("%zz", "%", "abc%4", "%E0%A4%A").map((raw) => () => ({ raw, value: raw, invalid: ["malformed percent-encoding"] })),
    },
  );
}

function requestArbitrary(endpoint: Endpoint): fc.Arbitrary<() => Fuzzed> {
  const pathNames = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  // The methods the endpoint's path serves (its resource may serve more than this endpoint's).
  const resourceMethods = new Set<string>(API_ENDPOINTS.filter((e) => e.path === endpoint.path).map((e) => e.method));
  const method = fc.oneof({ weight: 8, arbitrary: fc.constant(endpoint.method) }, { weight: 2, arbitrary: fc.constantFrom(...METHODS) });
  const contentType = fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json; charset=latin1",
    null,
  );
  const idempotencyKey = fc.option(fc.oneof(headerText, fc.constant("k".repeat(300))), { freq: 5 });
  return fc
    .record({
      method,
      ids: fc.tuple(...pathNames.map(idArbitrary)),
      query: queryArbitrary(endpoint),
      body: bodyArbitrary(endpoint),
      auth: authArbitrary(endpoint),
      contentType,
      idempotencyKey,
    })
    .map((r) => () => {
      const invalid: string[] = [...r.query.invalid];
      const params: Record<string, string> = {};
      let path = endpoint.path;
      r.ids.forEach((make, i) => {
        const id = make();
        params[pathNames[i]!] = id.value;
        path = path.replace(`{${pathNames[i]}}`, id.raw);
        invalid.push(...id.invalid);
        // An object is found only by a key of its own project and mode (test objects only here); except that a keyless
        // transaction lookup reads any order by its unguessable id (docs/api-contract.md#transaction-status).
        const keyless = endpoint.auth === "public" && r.auth.header === null;
        if ("owner" in id && !keyless) {
          const keyOwner = r.auth.choice.startsWith("foreign") ? "foreign" : "home";
          if (id.owner !== keyOwner) invalid.push("another project's object");
          if (r.auth.choice.startsWith("live")) invalid.push("a test-mode object with a live key");
        }
      });
      const served = resourceMethods.has(r.method) || (r.method === "HEAD" && resourceMethods.has("GET"));
      if (!served) invalid.push(`${r.method} not served`);
      if (r.auth.refused) invalid.push(`key: ${r.auth.choice}`);
      const headers: Record<string, string> = {};
      if (r.auth.header !== null) headers.Authorization = r.auth.header;
      if (r.contentType) headers["Content-Type"] = r.contentType;
      if (r.idempotencyKey !== null) headers["Idempotency-Key"] = r.idempotencyKey;
      let body: string | undefined;
      if (!["GET", "HEAD"].includes(r.method)) {
        const plan = r.body(exampleBody(endpoint));
        body = plan.text;
        if (r.method === endpoint.method) invalid.push(...plan.invalid);
      }
      const query = new URLSearchParams(r.query.query).toString();
      return { method: r.method, target: query ? `${path}?${query}` : path, params, headers, body, invalid };
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Sending and judging.
// ---------------------------------------------------------------------------------------------------------------

async function send(route: Route, request: Fuzzed) {
  const response = await route({
    request: new Request(`${BASE}${request.target}`, { method: request.method, headers: request.headers, body: request.body }),
    params: request.params,
    context: {},
  });
  requests += 1;
  totals.set(response.status, (totals.get(response.status) ?? 0) + 1);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function judge(request: Fuzzed, answer: { status: number; headers: Headers; text: string }) {
  const where = `${request.method} ${request.target.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 200)} body=${(request.body ?? "").slice(0, 200)}`;
  expect(answer.status, `5xx for ${where}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  const requestId = answer.headers.get("Request-Id");
  expect(requestId, `no Request-Id for ${where}`).toMatch(/^req_/);
  // A HEAD answer's body is dropped by the HTTP server; in process it may still be there.
  if (answer.status >= 400 && request.method !== "HEAD") {
    const body = JSON.parse(answer.text);
    expect(body, where).toMatchObject({ success: false, error: { code: expect.any(String), message: expect.any(String), requestId } });
  } else if (request.method !== "HEAD" && answer.status !== 204) {
    expect(() => JSON.parse(answer.text), where).not.toThrow();
  }
  if (request.invalid.length) {
    // OPTIONS on a browser endpoint is a preflight: 204 without running anything.
    const preflight = request.method === "OPTIONS" && answer.status === 204;
    expect(preflight || answer.status >= 400, `accepted (${answer.status}) although ${request.invalid.join("; ")}: ${where}`).toBe(true);
  }
}

describe.each(API_ENDPOINTS.map((endpoint) => ({ name: `${endpoint.method} ${endpoint.path}`, endpoint })))("$name", ({ endpoint }) => {
  it(`holds under ${RUNS} generated requests`, async () => {
    const module = moduleOf(endpoint)!;
    let since = 0;
    await fc.assert(
      fc.asyncProperty(requestArbitrary(endpoint), async (make) => {
        // Objects are used up by accepted requests (an order placed, a session cancelled, an endpoint deleted): renew now and then.
        if (++since % 40 === 0) await refreshObjects();
        const request = make();
        const route = handlerFor(module, request.method)!;
        let answer;
        try {
          answer = await send(route, request);
        } catch (error) {
          throw new Error(`threw for ${request.method} ${request.target.slice(0, 200)} body=${(request.body ?? "").slice(0, 300)}: ${String(error)}`);
        }
        judge(request, answer);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 300_000);
});

describe("paths no endpoint serves", () => {
  it(`answer 404 in the envelope under ${RUNS} generated paths`, async () => {
    const segment = fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
      fc.constantFrom("%zz", "%", "..", "request_logs", "sessions", "x".repeat(3000)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/v1/", "/public/v1/"),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...METHODS),
        async (prefix, segments, method) => {
          const target = `${prefix}zz_${segments.join("/")}`;
          const route = (prefix === "/v1/" ? unknownV1 : unknownPublicV1)[["GET", "HEAD", "OPTIONS"].includes(method) ? "loader" : "action"] as Route;
          const request: Fuzzed = { method, target, params: { "*": segments.join("/") }, headers: {}, body: undefined, invalid: ["no such endpoint"] };
          const answer = await send(route, request);
          judge(request, answer);
          expect([400, 404]).toContain(answer.status);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  }, 120_000);
});
