ALTER TABLE "order" ALTER COLUMN "destination_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "checkout_session" ADD COLUMN "refund_address" text;--> statement-breakpoint
ALTER TABLE "order" ADD COLUMN "deposit_address" text;--> statement-breakpoint
ALTER TABLE "order" ADD COLUMN "deposit_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order" ADD COLUMN "refund_address" text;--> statement-breakpoint
ALTER TABLE "sandbox_payment" ADD COLUMN "type" text DEFAULT 'buy' NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_payment" ADD COLUMN "deposit_address" text;--> statement-breakpoint
ALTER TABLE "sandbox_payment" ADD COLUMN "deposit_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "checkout_session_type_idx" ON "checkout_session" USING btree ("project_id","mode","type","created_at","id");--> statement-breakpoint
CREATE INDEX "order_type_idx" ON "order" USING btree ("project_id","mode","type","created_at","id");--> statement-breakpoint
CREATE INDEX "order_deposit_expiry_idx" ON "order" USING btree ("deposit_expires_at") WHERE "order"."type" = 'sell' and "order"."status" = 'created';--> statement-breakpoint
ALTER TABLE "order" ADD CONSTRAINT "order_type_check" CHECK ("order"."type" in ('buy','sell'));