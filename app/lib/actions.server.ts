/**
 * The console's one action protocol. A page declares its intents — the permission each
 * needs, the zod schema of its form, the domain call — and gets back a Remix `action`:
 *
 *   export const action = (args: ActionFunctionArgs) =>
 *     projectActions({
 *       revoke: projectIntent({
 *         permission: { apiKey: ["revoke"] },
 *         schema: z.object({ keyId: z.string() }),
 *         run: async (ctx, { keyId }) => {
 *           await revokeApiKey(ctx, keyId);
 *           return done("Key revoked.");
 *         },
 *       }),
 *     })(args);
 *
 * (Inside a function, not `projectActions(...)` at module scope: the classic compiler drops the
 * `action` export from the browser bundle, but a module-scope call would still run there, where
 * this .server module is an empty stub, and throw "projectActions is not a function".)
 *
 * (`projectIntent` / `organizationIntent` only fix the context type, so that the form's
 * fields are typed from its schema inside `run`.) `userActions` / `userIntent` are for the
 * signed-in person's own things (their account, which organization is active): no role is
 * involved, so the sign-in is the whole guard. Built per request, `run` may use the
 * action's `args` (a record's id in `params`, `request.headers` for a better-auth call made
 * as the member).
 *
 * Every answer has one shape (ActionResult): `ok`, the `intent`, a unique `id` (so the client
 * handles it once, app/ui/use-action-result.ts), a `message`, and either the intent's `data` or
 * `fieldErrors` / `formError`. A DomainError thrown by the domain call becomes form errors
 * (its field details beside the fields, its message above the form); FORBIDDEN becomes the
 * 403 page. Answers are never cached: some carry a secret shown once.
 */
import { data, type ActionFunctionArgs } from "@remix-run/node";
import type { z, ZodType } from "zod";
import { DomainError } from "./domain-error";
import { parseForm, type FieldErrors } from "./forms";
import { requireOrganization, requireProject, requireUser, type ConsoleOrgContext, type ConsoleProjectContext } from "./permissions.server";
import type { Permission } from "./roles";

type Params = ActionFunctionArgs["params"];

/** What a successful intent hands back: an optional message for the notification and typed data. */
export interface Done<T> {
  readonly done: true;
  message?: string;
  data: T;
  /** Response headers, e.g. the Set-Cookie of a session better-auth renewed (`{ ...done(…), headers }`). */
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
  run: (ctx: Ctx, input: S extends ZodType ? z.infer<S> : Record<string, never>, formData: FormData) => Promise<Done<T>> | Done<T>;
}

export type ActionSuccess<I extends string, T> = { ok: true; intent: I; id: string; message?: string; data: T };
export type ActionFailure = { ok: false; intent: string; id: string; formError?: string; fieldErrors: FieldErrors };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a spec's schema and data types vary per intent
type AnySpec<Ctx> = IntentSpec<Ctx, any, any>;

export type ActionResult<Specs extends Record<string, AnySpec<never>>> =
  { [I in keyof Specs & string]: Specs[I] extends IntentSpec<never, infer _S, infer T> ? ActionSuccess<I, T> : never }[keyof Specs & string] | ActionFailure;

type Guard<Ctx> = (request: Request, params: Params, permission: Permission) => Promise<Ctx>;

/** What a page may change about how its posts are read; most need neither. */
export interface ActionOptions {
  /** The intent of a post that names none: the page's one form as it was posted before it had an intent field. */
  defaultIntent?: string;
  /**
   * Reads the posted form instead of `request.formData()`, e.g. a multipart upload with a size
   * limit. It runs before the intent's guard, so one that reads a large body should guard first.
   */
  readForm?: (request: Request, params: Params) => Promise<FormData>;
}

const NO_STORE = { "Cache-Control": "no-store" };

function newResultId() {
  return crypto.randomUUID();
}

/** A DomainError as the form shows it: details beside their fields, the message above the form. */
export function formErrorsOf(error: DomainError): { formError?: string; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  for (const detail of error.details ?? []) fieldErrors[detail.field] ??= detail.message;
  return Object.keys(fieldErrors).length ? { fieldErrors } : { formError: error.message, fieldErrors };
}

export function defineActions<Ctx, Specs extends Record<string, AnySpec<Ctx>>>(guard: Guard<Ctx>, specs: Specs, options: ActionOptions = {}) {
  return async function action({ request, params }: ActionFunctionArgs) {
    const formData = options.readForm ? await options.readForm(request, params) : await request.formData();
    const intent = String(formData.get("intent") ?? options.defaultIntent ?? "");
    const failure = (fields: { formError?: string; fieldErrors?: FieldErrors }, status = 200) =>
      data<ActionResult<Specs>>({ ok: false, intent, id: newResultId(), fieldErrors: {}, ...fields }, { status, headers: NO_STORE });

    const spec = Object.hasOwn(specs, intent) ? specs[intent] : undefined;
    if (!spec) return failure({ formError: "Unknown action. Reload the page and try again." }, 400);
    const permission = typeof spec.permission === "function" ? spec.permission(params) : spec.permission;
    const ctx = await guard(request, params, permission);

    let input: unknown = {};
    if (spec.schema) {
      const form = parseForm(spec.schema, formData);
      // Answered with 200: field errors are expected feedback for the form, not a failed request.
      if (!form.success) return failure({ fieldErrors: form.fieldErrors });
      input = form.data;
    }
    try {
      const outcome = await spec.run(ctx, input as never, formData);
      const headers = new Headers(outcome.headers);
      for (const [name, value] of Object.entries(NO_STORE)) headers.set(name, value);
      return data<ActionResult<Specs>>({ ok: true, intent, id: newResultId(), message: outcome.message, data: outcome.data } as ActionResult<Specs>, {
        headers,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === "FORBIDDEN" || error.code === "INSUFFICIENT_PERMISSIONS") throw data({ message: error.message }, { status: 403 });
      return failure(formErrorsOf(error));
    }
  };
}

/** One intent of a project page: types `run`'s context and its input from the schema. */
export function projectIntent<S extends ZodType | undefined = undefined, T = null>(spec: IntentSpec<ConsoleProjectContext, S, T>) {
  return spec;
}

/** One intent of an organization page. */
export function organizationIntent<S extends ZodType | undefined = undefined, T = null>(spec: IntentSpec<ConsoleOrgContext, S, T>) {
  return spec;
}

/** Actions of a page inside a project (`/projects/:projectId/:mode/…`). */
export function projectActions<Specs extends Record<string, AnySpec<ConsoleProjectContext>>>(specs: Specs, options?: ActionOptions) {
  return defineActions<ConsoleProjectContext, Specs>((request, params, permission) => requireProject(request, params, permission), specs, options);
}

/** Actions of an organization page (`/settings/…`, `/projects`). */
export function organizationActions<Specs extends Record<string, AnySpec<ConsoleOrgContext>>>(specs: Specs, options?: ActionOptions) {
  return defineActions<ConsoleOrgContext, Specs>((request, _params, permission) => requireOrganization(request, permission), specs, options);
}

export type SignedInContext = Awaited<ReturnType<typeof requireUser>>;

/** One intent of the signed-in person's own pages: no permission to name, the sign-in is the guard. */
export function userIntent<S extends ZodType | undefined = undefined, T = null>(
  spec: Omit<IntentSpec<SignedInContext, S, T>, "permission">,
): IntentSpec<SignedInContext, S, T> {
  return { ...spec, permission: {} };
}

/** Actions of the signed-in person's own pages (`/settings/account`, switching organization). */
export function userActions<Specs extends Record<string, AnySpec<SignedInContext>>>(specs: Specs, options?: ActionOptions) {
  return defineActions<SignedInContext, Specs>((request) => requireUser(request), specs, options);
}

/**
 * For loaders: a DomainError from a lookup becomes the page the console shows for it
 * (NOT_FOUND → 404, FORBIDDEN → 403, anything else → 400 with its message).
 */
export async function orErrorPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const status = error.status === 404 || error.status === 403 ? error.status : 400;
    throw data({ message: error.message }, { status });
  }
}
