/**
 * Calling API resource routes in-process with real keys, as a partner's HTTP client would:
 * a Request goes in, the route's Response comes out (status, headers, JSON).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

type Route = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<Response> | Response;

export interface ApiCall {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(
  route: Route,
  options: {
    method?: string;
    path: string;
    key?: string | null;
    body?: unknown;
    rawBody?: string;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  },
): Promise<ApiCall> {
  const headers = new Headers(options.headers);
  if (options.key) headers.set("Authorization", `Bearer ${options.key}`);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(options.body);
  }
  const request = new Request(`http://localhost:3000${options.path}`, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const response = await route({ request, params: options.params ?? {}, context: {} } as LoaderFunctionArgs);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
