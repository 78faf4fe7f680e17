/**
 * The server half of the console's action protocol (the builders a page calls are in
 * app/lib/actions.ts, with the whole story): guard, parse the form, run the intent, and
 * answer the one shape; and `orErrorPage` for loaders.
 */
import { data, type ActionFunctionArgs } from "@remix-run/node";
import type { ActionResult, ActionScope, AnySpec, AnyUserSpec } from "./actions";
import { DomainError } from "./domain-error";
import { parseForm, type FieldErrors } from "./forms";
import { requireOrganization, requireProject, requireUser } from "./permissions.server";

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

/** The guard of each scope, with the intent's permission (none for the person's own pages). */
function guard(scope: ActionScope, spec: AnyUserSpec<never> & { permission?: AnySpec<never>["permission"] }, { request, params }: ActionFunctionArgs) {
  if (scope === "user") return requireUser(request);
  const permission = typeof spec.permission === "function" ? spec.permission(params) : spec.permission;
  // A project or organization intent without a permission is a programming error: refuse it.
  if (!permission) throw new Error("A project or organization intent must name its permission.");
  return scope === "project" ? requireProject(request, params, permission) : requireOrganization(request, permission);
}

export async function runAction<Specs extends Record<string, AnyUserSpec<never>>>(scope: ActionScope, specs: Specs, args: ActionFunctionArgs) {
  const { request, params } = args;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const failure = (fields: { formError?: string; fieldErrors?: FieldErrors }, status = 200) =>
    data<ActionResult<Specs>>({ ok: false, intent, id: newResultId(), fieldErrors: {}, ...fields }, { status, headers: NO_STORE });

  const spec = Object.hasOwn(specs, intent) ? specs[intent] : undefined;
  if (!spec) return failure({ formError: "Unknown action. Reload the page and try again." }, 400);
  const ctx = await guard(scope, spec, args);

  let input: unknown = {};
  if (spec.schema) {
    const form = parseForm(spec.schema, formData);
    // Answered with 200: field errors are expected feedback for the form, not a failed request.
    if (!form.success) return failure({ fieldErrors: form.fieldErrors });
    input = form.data;
  }
  try {
    const outcome = await spec.run(ctx as never, input as never, formData, { request, params });
    const headers = new Headers(outcome.headers);
    for (const [name, value] of Object.entries(NO_STORE)) headers.set(name, value);
    return data<ActionResult<Specs>>({ ok: true, intent, id: newResultId(), message: outcome.message, data: outcome.data } as ActionResult<Specs>, { headers });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "FORBIDDEN" || error.code === "INSUFFICIENT_PERMISSIONS") throw data({ message: error.message }, { status: 403 });
    return failure(formErrorsOf(error));
  }
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
