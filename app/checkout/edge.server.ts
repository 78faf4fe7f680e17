/**
 * The hosted checkout's one translation of a DomainError (from the session and order
 * functions, the rate limiter, the request's own parsing): the page's error state. The form
 * shows `message` above its button and each `fieldErrors` entry beside its field, named as
 * the checkout names its fields. The page's own action answers it with 200, as the console's
 * actions do: a refusal is the form's feedback, not a failed request (a 4xx/5xx would also put
 * "Failed to load resource" in the customer's console). Its JSON route answers with the code's
 * status.
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

async function answering<T, E>(run: () => Promise<T>, answer: (state: CheckoutErrorState, error: DomainError) => E) {
  try {
    return await run();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return answer(checkoutErrorState(error), error);
  }
}

/** Runs the page's action; a DomainError becomes the error state (with the code's headers, e.g. Retry-After). */
export function answerCheckout<T>(run: () => Promise<T>, headers: Record<string, string>) {
  return answering(run, (state, error) => data(state, { headers: { ...headers, ...error.headers } }));
}

/** Runs a JSON route of the checkout; a DomainError becomes the error state with the code's status. */
export function answerCheckoutJson(run: () => Promise<Response>, headers: Record<string, string>) {
  return answering(run, (state, error) => Response.json(state, { status: error.status, headers: { ...headers, ...error.headers } }));
}
