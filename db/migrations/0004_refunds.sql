ALTER TABLE "order" ADD COLUMN "refund_reason" text;--> statement-breakpoint
ALTER TABLE "order" ADD COLUMN "refund_requested_at" timestamp with time zone;