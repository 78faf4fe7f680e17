/** Environment, parsed once. Every variable is documented in README.md. */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Unset: every interface with DATABASE_URL, 127.0.0.1 on the embedded default (server.js listenHost). */
  HOST: z.string().optional(),
  /** The origin the app is served at (better-auth checks it against Origin). */
  BASE_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default(".data"),
  APP_SECRET: z.string().min(32, "APP_SECRET must be at least 32 characters").optional(),
  /** auto: seed the demo organization on a new embedded database; always; never. */
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  /** Number of reverse proxies in front of the app, for the client IP (express "trust proxy"). */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /** Sign-in, sign-up and password-change attempts per client IP per minute. */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** API requests per secret key per window (app/api/rate-limit.server.ts). */
  API_RATE_LIMIT_PER_SECRET_KEY: z.coerce.number().int().min(1).default(100),
  /** API and public-endpoint requests per publishable key per window. */
  API_RATE_LIMIT_PER_PUBLISHABLE_KEY: z.coerce.number().int().min(1).default(50),
  /** Keyless public-endpoint requests per client IP per window. */
  API_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(20),
  API_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(1),
  /** Multiplies every API limit (benchmarks, load tests); 1 in production. */
  API_RATE_LIMIT_MULTIPLIER: z.coerce.number().positive().default(1),
  /**
   * Development only: let LIVE-mode webhook endpoints point at private, loopback or link-local
   * addresses (test mode always may). Never set it in production.
   */
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Run webhook delivery workers in this process (set false for a web-only instance). */
  WEBHOOK_WORKERS: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** Largest API (JSON) request body in bytes; larger ones are refused with 413 while they stream. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  /** How long a request body may take to arrive (slow uploads are cut off with 408). */
  BODY_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(10),
  /**
   * How long a request holds its Idempotency-Key while it runs. A retry during it is told to
   * wait (409 with Retry-After); after it (the process died mid-request) the retry runs it again.
   */
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** Record every API request and gateway callback in the project's request log (console: Logs). */
  REQUEST_LOG: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** Days a request stays in the request log (whole daily partitions are dropped after it). */
  REQUEST_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  /** Requests held in memory between two writes; beyond it new ones are dropped and counted (/healthz). */
  REQUEST_LOG_BUFFER: z.coerce.number().int().min(10).max(1_000_000).default(10_000),
  /** How often the buffered requests are written, in ms. */
  REQUEST_LOG_FLUSH_MS: z.coerce.number().int().min(10).max(10_000).default(250),
  /**
   * Outgoing mail (verification, password reset, invitations): `smtp://user:pass@host:587`, or
   * `smtps://…` for TLS from the start. Unset: the dev mailer (logs; links on screen in development).
   */
  SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
  /** The From address of outgoing mail. */
  MAIL_FROM: z.string().min(3).default("Ramp <no-reply@ramp.localhost>"),
  LOG_REQUESTS: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
});

export type Env = z.infer<typeof schema> & { BASE_URL: string; APP_SECRET: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const value = parsed.data;
  const databaseUrl = value.DATABASE_URL?.trim() || undefined;
  cached = {
    ...value,
    DATABASE_URL: databaseUrl,
    BASE_URL: (value.BASE_URL ?? `http://localhost:${value.PORT}`).replace(/\/$/, ""),
    APP_SECRET: value.APP_SECRET ?? localSecret(value.DATA_DIR, Boolean(databaseUrl), value.NODE_ENV),
  };
  return cached;
}

/**
 * With no APP_SECRET on the embedded default, keep a random one beside the data folder
 * so `npm start` works with no configuration and sessions survive restarts.
 * On PostgreSQL in production a secret must be configured: instances must share it.
 */
function localSecret(dataDir: string, hasDatabaseUrl: boolean, nodeEnv: string): string {
  if (hasDatabaseUrl && nodeEnv === "production") {
    throw new Error("APP_SECRET is required when DATABASE_URL is set in production (every instance must share it).");
  }
  const file = `${path.resolve(dataDir)}.secret`;
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** For tests: forget the parsed environment. */
export function resetEnvForTests() {
  cached = undefined;
}
