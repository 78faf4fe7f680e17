ALTER TABLE "idempotency_key" ADD COLUMN "response_ciphertext" text;--> statement-breakpoint
ALTER TABLE "idempotency_key" ADD COLUMN "lease_token" text;--> statement-breakpoint
ALTER TABLE "idempotency_key" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
-- Stored answers were kept in plaintext (a session's clientSecret among them): they go, not carried over.
DELETE FROM "idempotency_key" WHERE "response_status" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_key" DROP COLUMN "response_body";