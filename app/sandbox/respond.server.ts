/**
 * The sandbox provider's one translation of a DomainError, as a gateway answers: `{ error }`
 * with the code's HTTP status. Its API is a third party's to the platform (the adapter reads
 * the status, and a refused refund's `error`), so it keeps its own dialect, not the envelope.
 */
import { data } from "@remix-run/node";
import { isDomainError } from "~/lib/domain-error";

const NO_STORE = { "Cache-Control": "no-store" };

function failure(error: unknown) {
  if (!isDomainError(error)) throw error;
  return { body: { error: error.message }, init: { status: error.status, headers: NO_STORE } };
}

/** The provider's API routes: the handler's answer, or the error as JSON. */
export async function providerApi(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    const { body, init } = failure(error);
    return Response.json(body, init);
  }
}

/**
 * The payment page's action: its result, or the error as the page's `{ error }` state, with
 * 200 as the console's and the checkout's forms answer: the page's feedback, not a failed request.
 */
export async function providerPage<T>(run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    return data(failure(error).body, { headers: NO_STORE });
  }
}
