/**
 * Checkout sessions: create (secret key), read, confirm (clientSecret), cancel, expire.
 * Status moves pending → confirmed → processing → completed | failed, or → expired |
 * cancelled; nothing else. Every change that partners hear about writes its event in the
 * same transaction.
 */
import crypto from "node:crypto";
import { and, eq, inArray, lte, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { PgInsertValue } from "drizzle-orm/pg-core";
import { checkoutSession, customer, project, type FieldLocks, type SessionStatus, type SessionType } from "~db/schema";
import { DomainError, type ErrorDetail } from "~/lib/domain-error";
import { customerUpsert, findCustomer } from "~/customers/customers.server";
import { recordEvent } from "~/events/events.server";
import { CRYPTO_CURRENCIES, GATEWAYS, sellRoute } from "~/gateways/catalogue";
import type { ProjectContext } from "~/lib/context";
import { randomBase62, sha256Hex } from "~/lib/crypto.server";
import { preparedPerDatabase, type Database, type Executor } from "~/lib/db.server";
import { newId } from "~/lib/ids";
import { isRedirectAllowed } from "~/projects/projects.server";
import { LOCKABLE_FIELDS, type ConfirmSessionInput, type CreateSessionInput, type LockableField } from "./schemas";
import { sessionAttributes } from "./serialize";
import { isValidWalletAddress } from "./wallet-address.server";

type SessionRow = typeof checkoutSession.$inferSelect;
type SessionFields = Partial<Record<LockableField, string | undefined>>;

const OPEN_STATUSES: SessionStatus[] = ["pending", "confirmed"];

function invalid(field: string, message: string, code: ConstructorParameters<typeof DomainError>[0] = "VALIDATION_ERROR"): never {
  throw new DomainError(code, code === "VALIDATION_ERROR" ? "Missing or invalid fields in the request body." : message, [{ field, message }]);
}

/**
 * Checks that hold across fields: network of the crypto, address of the network, amount within locks.
 * A sell session's crypto is its source and its address the refund address (schemas.ts, LOCKABLE_FIELDS).
 */
function checkFields(fields: SessionFields, locks: FieldLocks, mode: ProjectContext["mode"], type: SessionType = "onramp") {
  const { network, sourceAmount } = fields;
  const cryptoCode = type === "offramp" ? fields.sourceCurrency : fields.destinationCurrency;
  const addressField = type === "offramp" ? "refundAddress" : "destinationAddress";
  const address = fields[addressField];
  if (cryptoCode && network) {
    const crypto = CRYPTO_CURRENCIES.find((c) => c.code === cryptoCode)!;
    if (!(crypto.networks as readonly string[]).includes(network)) {
      invalid("network", `${cryptoCode} is not available on ${network}. Use one of: ${crypto.networks.join(", ")}.`, "INVALID_NETWORK");
    }
    if (type === "offramp" && !GATEWAYS.some((g) => sellRoute(g, cryptoCode, network))) {
      invalid("network", `No gateway buys ${cryptoCode} on ${network}; see GET /public/v1/onramp/supported?orderType=sell.`, "INVALID_NETWORK");
    }
  }
  if (address) {
    if (!network) invalid("network", `network is required with ${addressField}, to check the address.`);
    if (!isValidWalletAddress(address, network, mode)) {
      invalid(addressField, `${address} is not a valid ${network} address.`, "INVALID_WALLET_ADDRESS");
    }
  }
  const amountLock = locks.sourceAmount;
  if (amountLock && (amountLock.min !== undefined || amountLock.max !== undefined)) {
    const min = amountLock.min !== undefined ? Number(amountLock.min) : -Infinity;
    const max = amountLock.max !== undefined ? Number(amountLock.max) : Infinity;
    if (min > max) invalid("fieldLocks.sourceAmount", "min must not be greater than max.");
    if (sourceAmount !== undefined && (Number(sourceAmount) < min || Number(sourceAmount) > max)) {
      invalid("sourceAmount", `sourceAmount must be between ${amountLock.min ?? "0"} and ${amountLock.max ?? "any amount"}.`, "INVALID_AMOUNT");
    }
  }
}

/** Every provided field is locked unless `fieldLocks` says otherwise (auto-locking, docs/api-contract.md#field-locks). */
function resolveFieldLocks(fields: SessionFields, overrides: CreateSessionInput["fieldLocks"] = {}): FieldLocks {
  const locks: FieldLocks = {};
  for (const field of LOCKABLE_FIELDS) if (fields[field] !== undefined) locks[field] = { locked: true };
  const details: ErrorDetail[] = [];
  for (const [field, override] of Object.entries(overrides) as [LockableField, NonNullable<CreateSessionInput["fieldLocks"]>[LockableField]][]) {
    if (!override) continue;
    if (override.locked && fields[field] === undefined)
      details.push({ field: `fieldLocks.${field}`, message: `Cannot lock ${field}: the session has no value for it.` });
    if ((override.min !== undefined || override.max !== undefined) && field !== "sourceAmount") {
      details.push({ field: `fieldLocks.${field}`, message: "min and max apply to sourceAmount only." });
    }
    locks[field] = {
      locked: override.locked,
      ...(override.min !== undefined ? { min: override.min } : {}),
      ...(override.max !== undefined ? { max: override.max } : {}),
    };
  }
  if (details.length) throw new DomainError("VALIDATION_ERROR", "Missing or invalid fields in the request body.", details);
  return locks;
}

function checkRedirectUrl(value: string, ctx: ProjectContext, allowedOrigins: string[]) {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    invalid("redirectUrl", "redirectUrl must be an absolute URL, e.g. https://yoursite.com/payment-complete.");
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol !== "https:" && !(ctx.mode === "test" && url.protocol === "http:" && local)) {
    invalid("redirectUrl", ctx.mode === "test" ? "redirectUrl must use https (http is allowed for localhost in test mode)." : "redirectUrl must use https.");
  }
  if (!isRedirectAllowed(value, ctx.mode, allowedOrigins)) {
    invalid(
      "redirectUrl",
      `In live mode redirectUrl must start with one of the project's allowed redirect origins (${allowedOrigins.join(", ") || "none set"}).`,
    );
  }
}

/** The project's live redirect origins: from the API key's cached lookup when there is one. */
async function allowedOrigins(ctx: ProjectContext & { key?: { allowedRedirectOrigins?: string[] } }) {
  if (ctx.key?.allowedRedirectOrigins) return ctx.key.allowedRedirectOrigins;
  const [owner] = await ctx.db.select({ allowedRedirectOrigins: project.allowedRedirectOrigins }).from(project).where(eq(project.id, ctx.projectId));
  return owner?.allowedRedirectOrigins ?? [];
}

function newClientSecret() {
  return `sess_secret_${randomBase62(32)}`;
}

/**
 * The session insert, prepared (see preparedPerDatabase), in two shapes: for a customer
 * found by id, and — the common case — with the find-or-create of the customer by
 * external id as a CTE, so creating a session is one round trip.
 */
function sessionValues(customerId: SQL | Placeholder): PgInsertValue<typeof checkoutSession> {
  const p = (name: string) => sql.placeholder(name);
  return {
    id: p("id"),
    projectId: p("projectId"),
    mode: p("mode"),
    type: p("type"),
    status: "pending",
    customerId,
    externalCustomerId: p("externalCustomerId"),
    sourceAmount: p("sourceAmount"),
    sourceCurrency: p("sourceCurrency"),
    destinationCurrency: p("destinationCurrency"),
    destinationAddress: p("destinationAddress"),
    refundAddress: p("refundAddress"),
    network: p("network"),
    country: p("country"),
    redirectUrl: p("redirectUrl"),
    fieldLocks: p("fieldLocks"),
    metadata: p("metadata"),
    clientSecretHash: p("clientSecretHash"),
    expiresAt: p("expiresAt"),
    createdAt: p("now"),
    updatedAt: p("now"),
  };
}

const insertSessionForCustomer = preparedPerDatabase((db: Executor) =>
  db
    .insert(checkoutSession)
    .values(sessionValues(sql.placeholder("customerId")))
    .returning()
    .prepare("insert_checkout_session"),
);

const insertSessionUpsertingCustomer = preparedPerDatabase((db: Executor) => {
  const upserted = db.$with("upserted_customer").as(
    customerUpsert(db, {
      id: sql.placeholder("newCustomerId"),
      projectId: sql.placeholder("projectId"),
      mode: sql.placeholder("mode"),
      externalId: sql.placeholder("externalCustomerId"),
    }).returning({ id: customer.id }),
  );
  return db
    .with(upserted)
    .insert(checkoutSession)
    .values(sessionValues(sql`(select ${upserted.id} from ${upserted})`))
    .returning()
    .prepare("insert_checkout_session_upserting_customer");
});

export async function createSession(ctx: ProjectContext & { key?: { allowedRedirectOrigins?: string[] } }, input: CreateSessionInput) {
  const fields: SessionFields = {
    sourceAmount: input.sourceAmount,
    sourceCurrency: input.sourceCurrency,
    destinationCurrency: input.destinationCurrency,
    destinationAddress: "destinationAddress" in input ? input.destinationAddress : undefined,
    refundAddress: "refundAddress" in input ? input.refundAddress : undefined,
    network: input.network,
    country: input.country,
  };
  const fieldLocks = resolveFieldLocks(fields, input.fieldLocks);
  checkFields(fields, fieldLocks, ctx.mode, input.type);
  if (input.redirectUrl) checkRedirectUrl(input.redirectUrl, ctx, await allowedOrigins(ctx));

  const clientSecret = newClientSecret();
  const now = new Date();
  const values = {
    id: newId("sess"),
    projectId: ctx.projectId,
    mode: ctx.mode,
    type: input.type,
    sourceAmount: fields.sourceAmount ?? null,
    sourceCurrency: fields.sourceCurrency ?? null,
    destinationCurrency: fields.destinationCurrency ?? null,
    destinationAddress: fields.destinationAddress ?? null,
    refundAddress: fields.refundAddress ?? null,
    network: fields.network ?? null,
    country: fields.country ?? null,
    redirectUrl: input.redirectUrl ?? null,
    fieldLocks,
    metadata: input.metadata ?? {},
    clientSecretHash: sha256Hex(clientSecret),
    expiresAt: new Date(now.getTime() + input.expiresInSeconds * 1000),
    now,
  };
  let rows;
  if (input.customerId) {
    const found = await findCustomer(ctx.db, { projectId: ctx.projectId, mode: ctx.mode }, input.customerId);
    if (!found) invalid("customerId", `No customer ${input.customerId} in this project and mode.`);
    if (input.externalCustomerId && found.externalId !== input.externalCustomerId) {
      invalid("externalCustomerId", `Customer ${input.customerId} has a different externalCustomerId.`);
    }
    rows = await insertSessionForCustomer(ctx.db).execute({ ...values, customerId: found.id, externalCustomerId: found.externalId });
  } else {
    // No transaction needed: one statement finds or creates the customer and inserts the session.
    rows = await insertSessionUpsertingCustomer(ctx.db).execute({ ...values, newCustomerId: newId("cust"), externalCustomerId: input.externalCustomerId! });
  }
  const row = rows[0]!;
  return { session: row, clientSecret };
}

async function lockSession(tx: Executor, ctx: ProjectContext, sessionId: string) {
  const [row] = await tx
    .select()
    .from(checkoutSession)
    .where(and(eq(checkoutSession.id, sessionId), eq(checkoutSession.projectId, ctx.projectId), eq(checkoutSession.mode, ctx.mode)))
    .for("update");
  // Another project's or mode's session is simply not found.
  if (!row) throw new DomainError("NOT_FOUND", `Session ${sessionId} does not exist.`);
  return row;
}

/** A session.* event carries the session as it now is. */
function recordSessionEvent(tx: Executor, type: "session.expired" | "session.confirmed" | "session.cancelled", row: SessionRow) {
  return recordEvent(tx, { projectId: row.projectId, mode: row.mode, type, sessionId: row.id, data: { session: sessionAttributes(row) } });
}

function isPastExpiry(row: SessionRow, now = new Date()) {
  return OPEN_STATUSES.includes(row.status) && row.expiresAt <= now;
}

async function markExpired(tx: Executor, row: SessionRow) {
  const [expired] = await tx
    .update(checkoutSession)
    .set({ status: "expired", expiredAt: row.expiresAt, updatedAt: new Date() })
    .where(and(eq(checkoutSession.id, row.id), inArray(checkoutSession.status, OPEN_STATUSES)))
    .returning();
  if (expired) {
    await recordSessionEvent(tx, "session.expired", expired);
  }
  return expired ?? row;
}

const sessionExpired = () => new DomainError("SESSION_EXPIRED", "Session has expired. Create a new one.");

/** A session of this project and mode; an expired one answers SESSION_EXPIRED (and is marked so). */
export async function getSession(ctx: ProjectContext, sessionId: string) {
  const row = await ctx.db.transaction(async (tx) => {
    const found = await lockSession(tx, ctx, sessionId);
    return isPastExpiry(found) ? markExpired(tx, found) : found;
  });
  // Thrown after the transaction, so marking it expired is kept.
  if (row.status === "expired") throw sessionExpired();
  return row;
}

/**
 * Runs `change` on a locked, still-open session. A session found past its expiry is marked
 * expired first (committed), then SESSION_EXPIRED is thrown.
 */
async function changeOpenSession(ctx: ProjectContext, sessionId: string, change: (tx: Executor, row: SessionRow) => Promise<SessionRow>) {
  const outcome = await ctx.db.transaction(async (tx) => {
    const row = await lockSession(tx, ctx, sessionId);
    if (isPastExpiry(row)) return { expired: await markExpired(tx, row) };
    return { row: await change(tx, row) };
  });
  if ("expired" in outcome) throw sessionExpired();
  return outcome.row;
}

/** A session's type, or null when this project and mode has no such session. */
export async function sessionTypeOf(ctx: ProjectContext, sessionId: string): Promise<SessionType | null> {
  const [row] = await ctx.db
    .select({ type: checkoutSession.type })
    .from(checkoutSession)
    .where(and(eq(checkoutSession.id, sessionId), eq(checkoutSession.projectId, ctx.projectId), eq(checkoutSession.mode, ctx.mode)));
  return row?.type ?? null;
}

export function clientSecretMatches(row: Pick<SessionRow, "clientSecretHash">, clientSecret: string) {
  const given = Buffer.from(sha256Hex(clientSecret), "hex");
  const stored = Buffer.from(row.clientSecretHash, "hex");
  return given.length === stored.length && crypto.timingSafeEqual(given, stored);
}

function refuseUnlessOpen(row: SessionRow) {
  if (row.status === "expired") throw sessionExpired();
  if (row.status === "cancelled") throw new DomainError("INVALID_STATE", "This session was cancelled by the partner.");
  if (row.status === "processing" || row.status === "completed" || row.status === "failed") {
    throw new DomainError("SESSION_ALREADY_USED", "An order was already created from this session.");
  }
}

/**
 * The customer confirms the session's parameters (optional step). Unlocked fields may be
 * changed here, within the session's `fieldLocks` bounds; locked ones may not.
 */
export async function confirmSession(ctx: ProjectContext, sessionId: string, input: ConfirmSessionInput) {
  const [found] = await ctx.db
    .select({ clientSecretHash: checkoutSession.clientSecretHash })
    .from(checkoutSession)
    .where(and(eq(checkoutSession.id, sessionId), eq(checkoutSession.projectId, ctx.projectId), eq(checkoutSession.mode, ctx.mode)));
  if (!found) throw new DomainError("NOT_FOUND", `Session ${sessionId} does not exist.`);
  // The clientSecret is checked first: without it nothing about the session is told.
  if (!clientSecretMatches(found, input.clientSecret)) throw new DomainError("FORBIDDEN", "Invalid clientSecret.");
  return changeOpenSession(ctx, sessionId, async (tx, row) => {
    refuseUnlessOpen(row);
    const changes: SessionFields = {};
    const details: ErrorDetail[] = [];
    for (const field of LOCKABLE_FIELDS) {
      const value = (input as Partial<Record<LockableField, string>>)[field];
      if (value === undefined || value === row[field]) continue;
      if (row.fieldLocks[field]?.locked) details.push({ field, message: `${field} is locked by the partner and cannot be changed.` });
      else changes[field] = value;
    }
    if (details.length) throw new DomainError("VALIDATION_ERROR", "Some fields are locked.", details);
    const merged: SessionFields = { ...Object.fromEntries(LOCKABLE_FIELDS.map((f) => [f, row[f] ?? undefined])), ...changes };
    checkFields(merged, row.fieldLocks, ctx.mode, row.type);
    const firstConfirmation = row.status === "pending";
    const now = new Date();
    const [updated] = await tx
      .update(checkoutSession)
      .set({ ...changes, status: "confirmed", confirmedAt: row.confirmedAt ?? now, updatedAt: now })
      .where(eq(checkoutSession.id, row.id))
      .returning();
    if (firstConfirmation) {
      await recordSessionEvent(tx, "session.confirmed", updated!);
    }
    return updated!;
  });
}

/** The partner's backend cancels a session nobody has paid through yet. Idempotent. */
export async function cancelSession(ctx: ProjectContext, sessionId: string) {
  return changeOpenSession(ctx, sessionId, async (tx, row) => {
    if (row.status === "cancelled") return row;
    refuseUnlessOpen(row);
    const now = new Date();
    const [updated] = await tx
      .update(checkoutSession)
      .set({ status: "cancelled", cancelledAt: now, updatedAt: now })
      .where(eq(checkoutSession.id, row.id))
      .returning();
    await recordSessionEvent(tx, "session.cancelled", updated!);
    return updated!;
  });
}

/**
 * The scheduled sweep: marks due sessions expired (with their events), a batch at a time.
 * SKIP LOCKED lets several instances sweep at once without touching the same rows.
 */
export async function expireDueSessions(db: Database, options: { now?: Date; batchSize?: number } = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(checkoutSession)
      .where(and(inArray(checkoutSession.status, OPEN_STATUSES), lte(checkoutSession.expiresAt, sql`${sql.param(now, checkoutSession.expiresAt)}`)))
      .limit(options.batchSize ?? 500)
      .for("update", { skipLocked: true });
    for (const row of due) await markExpired(tx, row);
    return due.length;
  });
}
