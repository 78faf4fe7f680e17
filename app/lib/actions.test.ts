/**
 * The console action protocol's options: a default intent for a post that names none, and a
 * page's own form reader. The guard here is a stub; the real guards are covered by
 * test/permission-matrix.test.ts.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineActions, done, type ActionOptions } from "./actions.server";
import { fieldError } from "./domain-error";

const guard = async () => ({ who: "tester" });

function post(fields: Record<string, string>) {
  return new Request("http://localhost:3000/page", { method: "POST", body: new URLSearchParams(fields) });
}

function pageAction(options?: ActionOptions) {
  return defineActions(
    guard,
    {
      create: {
        permission: { project: ["create"] },
        schema: z.object({ name: z.string().min(1, "Give it a name.") }),
        run: async (_ctx: unknown, input: { name: string }) => done(`Created ${input.name}.`),
      },
      upload: {
        permission: { project: ["update"] },
        run: async (_ctx: unknown, _input: unknown, formData: FormData) => {
          if (formData.has("tooLarge")) throw fieldError("file", "Too large.");
          return done("Uploaded.");
        },
      },
    },
    options,
  );
}

async function answer(action: ReturnType<typeof pageAction>, request: Request) {
  const result = await action({ request, params: {}, context: {} } as ActionFunctionArgs);
  return { status: result.init?.status ?? 200, ...result.data };
}

describe("defineActions options", () => {
  it("refuses a post without an intent, unless the page names a default one", async () => {
    expect(await answer(pageAction(), post({ name: "Shop" }))).toMatchObject({ status: 400, ok: false, intent: "" });
    const withDefault = pageAction({ defaultIntent: "create" });
    expect(await answer(withDefault, post({ name: "Shop" }))).toMatchObject({ status: 200, ok: true, intent: "create", message: "Created Shop." });
    expect(await answer(withDefault, post({ name: "" }))).toMatchObject({ ok: false, intent: "create", fieldErrors: { name: "Give it a name." } });
    // A named intent still wins over the default.
    expect(await answer(withDefault, post({ intent: "upload" }))).toMatchObject({ ok: true, intent: "upload", message: "Uploaded." });
  });

  it("reads the form with the page's own reader when it has one", async () => {
    const reads: string[] = [];
    const action = pageAction({
      readForm: async (request) => {
        reads.push(request.url);
        const form = new FormData();
        form.set("intent", "upload");
        form.set("tooLarge", "1");
        return form;
      },
    });
    expect(await answer(action, post({ intent: "create", name: "Shop" }))).toMatchObject({
      status: 200,
      ok: false,
      intent: "upload",
      fieldErrors: { file: "Too large." },
    });
    expect(reads).toEqual(["http://localhost:3000/page"]);
  });

  it("passes an intent's response headers on (a renewed session cookie), and the answer is never cached", async () => {
    const action = defineActions(guard, {
      renew: {
        permission: { project: ["read"] },
        run: async () => ({ ...done("Renewed."), headers: new Headers({ "Set-Cookie": "session=new; Path=/; HttpOnly" }) }),
      },
    });
    const result = await action({ request: post({ intent: "renew" }), params: {}, context: {} } as ActionFunctionArgs);
    const headers = new Headers(result.init?.headers);
    expect(headers.get("Set-Cookie")).toBe("session=new; Path=/; HttpOnly");
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(result.data).toMatchObject({ ok: true, intent: "renew", message: "Renewed." });
  });
});
