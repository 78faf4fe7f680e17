/**
 * A session's fields as either checkout (buy or sell) shows them, and the values its quotes and order are made with:
 * the partner's where locked, the customer's choices elsewhere. The order functions enforce the same rule; this is
 * what the page shows meanwhile.
 */
import type { checkoutSession } from "~db/schema";
import type { CheckoutChoices, EditableField, SellField } from "./schemas";

type SessionRow = typeof checkoutSession.$inferSelect;

export interface FieldView {
  value: string | null;
  locked: boolean;
  /** sourceAmount only: the partner's bounds. */
  min?: string;
  max?: string;
}

export function fieldViews<F extends EditableField | SellField>(session: SessionRow, names: readonly F[]): Record<F, FieldView> {
  return Object.fromEntries(
    names.map((field) => {
      const lock = session.fieldLocks[field];
      const view: FieldView = { value: session[field] ?? null, locked: lock?.locked ?? false };
      if (lock?.min !== undefined) view.min = lock.min;
      if (lock?.max !== undefined) view.max = lock.max;
      return [field, view];
    }),
  ) as Record<F, FieldView>;
}

export function effectiveValues<F extends EditableField | SellField>(fields: Record<F, FieldView>, choices: CheckoutChoices): Record<F, string | undefined> {
  const names = Object.keys(fields) as F[];
  const pick = (field: F) => (fields[field].locked ? fields[field].value : (choices[field] ?? fields[field].value)) ?? undefined;
  return Object.fromEntries(names.map((f) => [f, pick(f)])) as Record<F, string | undefined>;
}
