/**
 * `redirectTo` on /login and /signup (the signed-in GET and both form posts) only ever sends
 * the browser to a path on our own origin, and no value of it makes the page fail.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as loginAction, loader as loginLoader } from "../app/routes/_auth.login";
import { action as signupAction } from "../app/routes/_auth.signup";
import { createTestDatabase, type TestDatabase } from "./database";
import { PASSWORD, signUp, type TestUser } from "./users";

let database: TestDatabase;
let user: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  user = await signUp("redirected");
});

afterAll(async () => {
  await database?.destroy();
});

/** Values a browser would turn into another origin, or that cannot go in a header as they are. */
const HOSTILE = [
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r\n/evil.example/",
  "//evil.example/",
  "/\\evil.example/",
  "\\/evil.example/",
  "/%09/evil.example/",
  "https://evil.example/",
  "javascript:alert(1)",
  "\n",
  "\r",
  "/\u3002evil.example",
  "/。/evil.example",
  " /evil",
  "/ok\u0000",
];

/** Where a redirect response sends the browser, resolved as a browser would (tabs and newlines dropped). */
async function landing(outcome: Promise<unknown>): Promise<URL> {
  let response: unknown;
  try {
    response = await outcome;
  } catch (thrown) {
    response = thrown;
  }
  expect(response, "a redirect Response").toBeInstanceOf(Response);
  const { status, headers } = response as Response;
  expect(status).toBe(302);
  const location = headers.get("Location")!;
  expect(location).toMatch(/^\//);
  // The WHATWG URL parser strips tab and newline as browsers do.
  return new URL(location, "http://localhost:3000");
}

function form(fields: Record<string, string>) {
  const body = new URLSearchParams(fields);
  return { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body };
}

describe("redirectTo stays on our origin", () => {
  it("keeps a same-origin path with its query", async () => {
    const request = new Request("http://localhost:3000/login", form({ email: user.email, password: PASSWORD, redirectTo: "/projects?x=1#top" }));
    const url = await landing(loginAction({ request, params: {}, context: {} } as ActionFunctionArgs));
    expect(`${url.pathname}${url.search}${url.hash}`).toBe("/projects?x=1#top");
  });

  it.each(HOSTILE)("signed-in GET /login?redirectTo=%j stays home", async (value) => {
    const request = new Request(`http://localhost:3000/login?redirectTo=${encodeURIComponent(value)}`, { headers: { cookie: user.cookie } });
    const url = await landing(loginLoader({ request, params: {}, context: {} } as LoaderFunctionArgs));
    expect(url.origin).toBe("http://localhost:3000");
  });

  it.each(HOSTILE)("POST /login with redirectTo=%j stays home", async (value) => {
    const request = new Request("http://localhost:3000/login", form({ email: user.email, password: PASSWORD, redirectTo: value }));
    const url = await landing(loginAction({ request, params: {}, context: {} } as ActionFunctionArgs));
    expect(url.origin).toBe("http://localhost:3000");
  });

  it.each(HOSTILE)("POST /signup with redirectTo=%j stays home", async (value) => {
    const email = `new-${Math.random().toString(36).slice(2)}@example.com`;
    const request = new Request("http://localhost:3000/signup", form({ name: "New", email, password: PASSWORD, redirectTo: value }));
    const url = await landing(signupAction({ request, params: {}, context: {} } as ActionFunctionArgs));
    expect(url.origin).toBe("http://localhost:3000");
  });

  it("sends a percent-encoded path as it came, never a raw character that cannot go in a header", async () => {
    const request = new Request(`http://localhost:3000/login?redirectTo=${encodeURIComponent("/projects/%E3%80%82")}`, { headers: { cookie: user.cookie } });
    const url = await landing(loginLoader({ request, params: {}, context: {} } as LoaderFunctionArgs));
    expect(url.pathname).toBe("/projects/%E3%80%82");
  });
});
