import { customAlphabet } from "nanoid";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const random24 = customAlphabet(alphabet, 24);

export type IdPrefix = "sess" | "ord" | "cust" | "txn" | "evt" | "key" | "we" | "whd" | "wha" | "aud" | "req" | "gcb";

/** Prefixed random id (docs/api-contract.md#conventions), e.g. `sess_4f9GkQ…` (24 base62 chars ≈ 142 bits). */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${random24()}`;
}
