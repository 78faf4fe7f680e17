ALTER TABLE "event" ADD COLUMN "is_test" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_attempt" ADD COLUMN "trigger" text DEFAULT 'auto' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_delivery" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_delivery" ADD COLUMN "last_response_status" integer;--> statement-breakpoint
ALTER TABLE "webhook_delivery" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "webhook_endpoint" ADD COLUMN "last_success_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_endpoint" ADD COLUMN "last_failure_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_endpoint" ADD COLUMN "last_failure_message" text;--> statement-breakpoint
CREATE INDEX "event_type_list_idx" ON "event" USING btree ("project_id","mode","type","created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_delivery_endpoint_type_idx" ON "webhook_delivery" USING btree ("endpoint_id","event_type","created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_delivery_open_idx" ON "webhook_delivery" USING btree ("next_attempt_at") WHERE "webhook_delivery"."status" in ('pending','retrying');--> statement-breakpoint
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_status_check" CHECK ("webhook_delivery"."status" in ('pending','succeeded','retrying','failed'));