/**
 * The client half of the console's action protocol (app/lib/actions.server.ts): shows an
 * action's outcome once — a notification for its message, field errors for the form — and
 * calls `onSuccess` once per answer, even when the component re-renders or remounts.
 */
import { notifications } from "@mantine/notifications";
import { useEffect } from "react";
import type { FieldErrors } from "~/lib/forms";

/** The shape every console action answers with (ActionSuccess | ActionFailure), as the browser sees it. */
export type ClientActionResult =
  | { ok: true; intent: string; id: string; message?: string; data: unknown }
  | { ok: false; intent: string; id: string; formError?: string; fieldErrors: FieldErrors };

// Answers already handled in this tab, by answer id: a remounted dialog must not close itself or
// notify again. Kept apart so that several hooks may read one answer (a dialog shows its field
// errors, the page closes it): only the hook that notifies marks `notified`, only the one with
// `onSuccess` marks `succeeded` (give one answer one onSuccess).
const notified = new Set<string>();
const succeeded = new Set<string>();

interface Options<R> {
  /** Only answers to this intent (or these intents) count. */
  intent?: string | string[];
  /** Show the message (success) or the form error (failure) as a notification. Default: success only. */
  notify?: "success" | "both" | "none";
  onSuccess?: (result: Extract<R, { ok: true }>) => void;
}

export function useActionResult<R extends ClientActionResult>(result: R | undefined, options: Options<R> = {}) {
  const intents = options.intent === undefined ? null : ([] as string[]).concat(options.intent);
  const mine = result && (!intents || intents.includes(result.intent)) ? result : undefined;
  const notify = options.notify ?? "success";

  useEffect(() => {
    if (!mine) return;
    const text = mine.ok ? (notify !== "none" ? mine.message : undefined) : notify === "both" ? mine.formError : undefined;
    if (text && !notified.has(mine.id)) {
      notified.add(mine.id);
      notifications.show({ color: mine.ok ? "teal" : "red", message: text });
    }
    if (mine.ok && options.onSuccess && !succeeded.has(mine.id)) {
      succeeded.add(mine.id);
      options.onSuccess(mine as Extract<R, { ok: true }>);
    }
    // Keyed by the answer's id: each answer is handled exactly once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mine?.id]);

  return {
    result: mine,
    succeeded: mine?.ok === true,
    message: mine?.ok ? mine.message : undefined,
    formError: mine && !mine.ok ? mine.formError : undefined,
    fieldErrors: mine && !mine.ok ? mine.fieldErrors : ({} as FieldErrors),
  };
}
