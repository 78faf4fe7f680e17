/**
 * Helpers for testing a seed-004 list endpoint through its route loader: fetch a page,
 * expect a validation error, walk every page forward then back.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { expect } from "vitest";

export interface ListBody {
  object: string;
  url: string;
  has_more: boolean;
  data: { type: string; id: string; attributes: Record<string, unknown> }[];
}

export interface ErrorBody {
  success: false;
  error: { code: string; message: string; details?: { field: string; message: string }[]; requestId: string };
}

type Loader = (args: LoaderFunctionArgs) => Promise<Response> | Response;

export const ids = (body: ListBody) => body.data.map((d) => d.id);

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
export function planNodes(plan: Record<string, unknown>): Record<string, unknown>[] {
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [plan, ...children.flatMap(planNodes)];
}

export function listApi(loader: Loader, path: string) {
  async function get<T = ListBody>(query: string, token?: string) {
    const request = new Request(`http://localhost:3000${path}${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const response = await loader({ request, params: {}, context: {} } as LoaderFunctionArgs);
    return { status: response.status, headers: response.headers, body: (await response.json()) as T };
  }

  async function expectValidationError(query: string, token: string, field: string) {
    const { status, headers, body } = await get<ErrorBody>(query, token);
    expect(status, query).toBe(400);
    expect(body.success).toBe(false);
    expect(body.error.code).toBe("VALIDATION_ERROR");
    expect(body.error.details?.map((d) => d.field), query).toContain(field);
    expect(body.error.requestId).toMatch(/^req_/);
    expect(headers.get("Request-Id")).toBe(body.error.requestId);
    return body.error;
  }

  /** Pages forward from the top, then backward from the last page; `between` runs before every fetch after the first. */
  async function walk(token: string, query: string, limit: number, between: () => Promise<void> = async () => {}) {
    const forwardPages: string[][] = [];
    let page = await get(`?limit=${limit}${query}`, token);
    expect(page.status).toBe(200);
    forwardPages.push(ids(page.body));
    while (page.body.has_more) {
      // A cursor that does not advance would loop forever: fail instead.
      if (forwardPages.length > 500) throw new Error("the forward walk does not end");
      await between();
      page = await get(`?limit=${limit}${query}&starting_after=${ids(page.body).at(-1)}`, token);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeGreaterThan(0);
      forwardPages.push(ids(page.body));
    }
    const lastPage = forwardPages.at(-1)!;
    const backwardPages: string[][] = [];
    let cursor = lastPage[0];
    while (cursor) {
      if (backwardPages.length > 500) throw new Error("the backward walk does not end");
      await between();
      const back = await get(`?limit=${limit}${query}&ending_before=${cursor}`, token);
      expect(back.status).toBe(200);
      backwardPages.unshift(ids(back.body));
      if (!back.body.has_more) break;
      cursor = ids(back.body)[0];
    }
    return { forward: forwardPages.flat(), forwardPages, backward: [...backwardPages.flat(), ...lastPage] };
  }

  return { get, expectValidationError, walk };
}
