/**
 * The console's one action protocol. A page declares its intents — the permission each
 * needs, the zod schema of its form, the domain call — and gets back a Remix `action`:
 *
 *   export const action = projectActions({
 *     revoke: projectIntent({
 *       permission: { apiKey: ["revoke"] },
 *       schema: z.object({ keyId: z.string() }),
 *       run: async (ctx, { keyId }) => {
 *         await revokeApiKey(ctx, keyId);
 *         return done("Key revoked.");
 *       },
 *     }),
 *   });
 *
 * (`projectIntent` / `organizationIntent` / `userIntent` only fix the context type, so that
 * the form's fields are typed from its schema inside `run`.) `userActions` is for the
 * signed-in person's own things (their account, which organization is active): no role is
 * involved, so its intents name no permission.
 *
 * Every answer has one shape (ActionResult): `ok`, the `intent`, a unique `id` (so the client
 * handles it once, app/ui/use-action-result.ts), a `message`, and either the intent's `data` or
 * `fieldErrors` / `formError`. A DomainError thrown by the domain call becomes form errors
 * (its field details beside the fields, its message above the form); FORBIDDEN becomes the
 * 403 page. Answers are never cached: some carry a secret shown once.
 *
 * Why this file is not *.server: a route's `export const action = projectActions({…})` is a
 * call, which the browser bundle keeps and runs (Remix's classic compiler drops `action` by
 * tree-shaking, and calls may have side effects), while every *.server module is empty there.
 * So these builders only describe the action; the protocol itself (actions.server.ts) is
 * loaded when an action runs, on the server.
 */
import type { ActionFunctionArgs, data } from "@remix-run/node";
import type { z, ZodType } from "zod";
import type { FieldErrors } from "./forms";
import type { ConsoleOrgContext, ConsoleProjectContext, requireUser } from "./permissions.server";
import type { Permission } from "./roles";

type Params = ActionFunctionArgs["params"];

/** What a successful intent hands back: an optional message for the notification and typed data. */
export interface Done<T> {
  readonly done: true;
  message?: string;
  data: T;
  /** Response headers, e.g. the Set-Cookie of a session better-auth renewed. */
  headers?: Headers;
}

/** A successful outcome: the message shown to the user, and data the page needs (e.g. a secret shown once). */
export function done(message?: string): Done<null>;
export function done<T>(message: string | undefined, data: T): Done<T>;
export function done<T>(message?: string, value?: T): Done<T | null> {
  return { done: true, message, data: value ?? null };
}

export interface IntentSpec<Ctx, S extends ZodType | undefined, T> {
  /** Checked on the server before anything else; a function when it depends on the mode (see roles.ts). */
  permission: Permission | ((params: Params) => Permission);
  /** The form's schema: its errors come back beside the fields and `run` is not called. */
  schema?: S;
  /**
   * `args.params` names the page's record (an order's refund); `args.request` is only for calls
   * that act as the signed-in member through better-auth (its headers carry the session).
   */
  run: (
    ctx: Ctx,
    input: S extends ZodType ? z.infer<S> : Record<string, never>,
    formData: FormData,
    args: { request: Request; params: Params },
  ) => Promise<Done<T>> | Done<T>;
}

/** An intent of the signed-in person's own pages: guarded by the sign-in alone. */
export type UserIntentSpec<Ctx, S extends ZodType | undefined, T> = Omit<IntentSpec<Ctx, S, T>, "permission">;

export type ActionSuccess<I extends string, T> = { ok: true; intent: I; id: string; message?: string; data: T };
export type ActionFailure = { ok: false; intent: string; id: string; formError?: string; fieldErrors: FieldErrors };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a spec's schema and data types vary per intent
export type AnySpec<Ctx> = IntentSpec<Ctx, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export type AnyUserSpec<Ctx> = UserIntentSpec<Ctx, any, any>;

export type ActionResult<Specs extends Record<string, AnyUserSpec<never>>> =
  | { [I in keyof Specs & string]: Specs[I] extends UserIntentSpec<never, infer _S, infer T> ? ActionSuccess<I, T> : never }[keyof Specs & string]
  | ActionFailure;

export type SignedInContext = Awaited<ReturnType<typeof requireUser>>;

/** Which guard an action's intents pass: the project's, the active organization's, or the sign-in alone. */
export type ActionScope = "project" | "organization" | "user";

type Action<Specs extends Record<string, AnyUserSpec<never>>> = (args: ActionFunctionArgs) => Promise<ReturnType<typeof data<ActionResult<Specs>>>>;

function lazyAction<Specs extends Record<string, AnyUserSpec<never>>>(scope: ActionScope, specs: Specs): Action<Specs> {
  return async (args) => (await import("./actions.server")).runAction(scope, specs, args);
}

/** One intent of a project page: types `run`'s context and its input from the schema. */
export function projectIntent<S extends ZodType | undefined = undefined, T = null>(spec: IntentSpec<ConsoleProjectContext, S, T>) {
  return spec;
}

/** One intent of an organization page. */
export function organizationIntent<S extends ZodType | undefined = undefined, T = null>(spec: IntentSpec<ConsoleOrgContext, S, T>) {
  return spec;
}

/** One intent of the signed-in person's own pages (no permission: it is their own). */
export function userIntent<S extends ZodType | undefined = undefined, T = null>(spec: UserIntentSpec<SignedInContext, S, T>) {
  return spec;
}

/** Actions of a page inside a project (`/projects/:projectId/:mode/…`). */
export function projectActions<Specs extends Record<string, AnySpec<ConsoleProjectContext>>>(specs: Specs) {
  return lazyAction("project", specs);
}

/** Actions of an organization page (`/settings/…`, `/projects`). */
export function organizationActions<Specs extends Record<string, AnySpec<ConsoleOrgContext>>>(specs: Specs) {
  return lazyAction("organization", specs);
}

/** Actions of the signed-in person's own pages (`/settings/account`, switching organization). */
export function userActions<Specs extends Record<string, AnyUserSpec<SignedInContext>>>(specs: Specs) {
  return lazyAction("user", specs);
}
