/**
 * The hosted checkout's one translation of a DomainError (from the session and order
 * functions, the rate limiter, the request's own parsing): the page's error state, sent as
 * JSON with the code's HTTP status. The form shows `message` above its button and each
 * `fieldErrors` entry beside its field, named as the checkout names its fields.
 */
import { data } from "@remix-run/node";
import type { z } from "zod";
import { isDomainError, validationError, type DomainError, type ErrorDetail } from "~/lib/domain-error";

export interface CheckoutErrorState {
  ok: false;
  message: string;
  fieldErrors: Record<string, string>;
}

/** Order fields as the API names them → the checkout's field names, for errors beside inputs. */
const FIELD_OF: Record<string, string> = {
  fiatAmount: "sourceAmount",
  fiatCurrency: "sourceCurrency",
  cryptoCurrency: "destinationCurrency",
  walletAddress: "destinationAddress",
};

function fieldErrorsOf(details: ErrorDetail[] | undefined) {
  const errors: Record<string, string> = {};
  for (const { field, message } of details ?? []) {
    const name = FIELD_OF[field] ?? field.replace(/^fieldLocks\./, "");
    errors[name] ??= message.replace(/\b(fiatAmount|sourceAmount)\b/g, "The amount");
  }
  return errors;
}

function customerMessage(error: DomainError) {
  if (error.code === "GATEWAY_UNAVAILABLE") return error.message;
  if (error.code === "INVALID_GATEWAY") return error.details?.[0]?.message ?? "This provider can't take this order. Choose another one.";
  return error.details?.length ? "Please check the highlighted fields." : error.message;
}

export function checkoutErrorState(error: DomainError): CheckoutErrorState {
  return { ok: false, message: customerMessage(error), fieldErrors: fieldErrorsOf(error.details) };
}

/** A form's zod issues as the VALIDATION_ERROR the page shows beside its fields. */
export function checkoutFieldErrors(error: z.ZodError) {
  return validationError(
    error.issues.map((issue) => ({ field: String(issue.path[0]), message: issue.message })),
    "Please check the highlighted fields.",
  );
}

async function answering<T, E>(run: () => Promise<T>, headers: Record<string, string>, answer: (state: CheckoutErrorState, init: ResponseInit) => E) {
  try {
    return await run();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return answer(checkoutErrorState(error), { status: error.status, headers: { ...headers, ...error.headers } });
  }
}

/** Runs the page's action; a DomainError becomes the error state with its status (and headers, e.g. Retry-After). */
export function answerCheckout<T>(run: () => Promise<T>, headers: Record<string, string>) {
  return answering(run, headers, (state, init) => data(state, init));
}

/** The same for a resource route (its answer must be a Response). */
export function answerCheckoutJson(run: () => Promise<Response>, headers: Record<string, string>) {
  return answering(run, headers, (state, init) => Response.json(state, init));
}
