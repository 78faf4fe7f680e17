/** apiResource: what every API route module answers besides its endpoints' own answers. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~test/database";
import { apiEndpoint, apiResource } from "./endpoint.server";
import type { Operation } from "./openapi/operation";
import { json } from "./respond.server";

const operation = (operationId: string): Operation => ({
  operationId,
  tag: "Meta",
  summary: operationId,
  description: operationId,
  success: { status: 200, description: "ok", object: null },
  errors: ["INTERNAL_ERROR"],
});

let calls: string[] = [];
const publicGet = apiEndpoint({
  method: "GET",
  path: "/v1/things",
  auth: "public",
  operation: operation("getThings"),
  async handle({ request, requestId }) {
    calls.push(request.method);
    return json({ things: [] }, {}, requestId);
  },
});
const secretPost = apiEndpoint({
  method: "POST",
  path: "/v1/things",
  auth: "secret",
  permission: "sessions:write",
  operation: operation("createThing"),
  async handle({ ctx, requestId }) {
    calls.push(`POST ${ctx.projectId}`);
    return json({ created: true }, { status: 201 }, requestId);
  },
});
const secretGet = apiEndpoint({ ...secretPost, method: "GET", operation: operation("getSecretThing"), handle: secretPost.handle });

const things = apiResource({ GET: publicGet, POST: secretPost });

function send(resource: ReturnType<typeof apiResource>, method: string) {
  const request = new Request("http://localhost:3000/v1/things", { method, ...(method === "POST" || method === "PUT" ? { body: "{}" } : {}) });
  const args = { request, params: {}, context: {} } as LoaderFunctionArgs;
  // As Remix: GET, HEAD and OPTIONS reach the loader; every other method the action.
  return ["GET", "HEAD", "OPTIONS"].includes(method) ? resource.loader(args) : resource.action(args);
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe("apiResource", () => {
  it("runs the endpoint of the method, with the CORS headers of its auth kind", async () => {
    calls = [];
    const response = await send(things, "GET");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ things: [] });
    expect(response.headers.get("Request-Id")).toMatch(/^req_/);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET, POST, OPTIONS");
    expect(calls).toEqual(["GET"]);
  });

  it("answers HEAD as GET, without a body", async () => {
    calls = [];
    const response = await send(things, "HEAD");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await response.text()).toBe("");
    expect(calls).toEqual(["HEAD"]);
  });

  it("answers OPTIONS with 204 and Allow, without running a handler", async () => {
    calls = [];
    const response = await send(things, "OPTIONS");
    expect(response.status).toBe(204);
    expect(response.headers.get("Allow")).toBe("GET, POST, OPTIONS");
    expect(response.headers.get("Request-Id")).toMatch(/^req_/);
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
    expect(await response.text()).toBe("");
    expect(calls).toEqual([]);
  });

  it.each(["DELETE", "PUT", "PATCH"])("answers %s with 405 METHOD_NOT_ALLOWED in the envelope, with Allow", async (method) => {
    calls = [];
    const response = await send(things, method);
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, POST, OPTIONS");
    const body = (await response.json()) as { success: boolean; error: { code: string; requestId: string } };
    expect(body).toMatchObject({ success: false, error: { code: "METHOD_NOT_ALLOWED" } });
    expect(response.headers.get("Request-Id")).toBe(body.error.requestId);
    expect(calls).toEqual([]);
  });

  it("checks a keyed endpoint's key before its handler runs", async () => {
    calls = [];
    const response = await send(things, "POST");
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("MISSING_API_KEY");
    // The secret endpoint's answer carries no CORS headers (only public ones do).
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(calls).toEqual([]);
  });

  it("advertises no OPTIONS and sends no CORS headers for a keyed-only resource", async () => {
    const keyed = apiResource({ GET: secretGet });
    const preflight = await send(keyed, "OPTIONS");
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Allow")).toBe("GET");
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect((await send(keyed, "POST")).headers.get("Allow")).toBe("GET");
  });

  it("refuses an endpoint mapped to another method", () => {
    expect(() => apiResource({ POST: publicGet })).toThrow(/getThings is a GET endpoint, mapped to POST/);
  });
});
