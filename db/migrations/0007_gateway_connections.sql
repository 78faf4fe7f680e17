CREATE TABLE "gateway_callback" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"gateway_id" text NOT NULL,
	"verdict" text NOT NULL,
	"http_status" integer NOT NULL,
	"message" text NOT NULL,
	"provider_order_id" text,
	"order_id" text,
	"digest" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gateway_callback_mode_check" CHECK ("gateway_callback"."mode" in ('test','live'))
);
--> statement-breakpoint
ALTER TABLE "gateway_setting" ADD COLUMN "callback_secret_ciphertext" text;--> statement-breakpoint
ALTER TABLE "gateway_setting" ADD COLUMN "callback_secret_hint" text;--> statement-breakpoint
ALTER TABLE "gateway_setting" ADD COLUMN "last_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gateway_setting" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "gateway_setting" ADD COLUMN "connected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gateway_callback" ADD CONSTRAINT "gateway_callback_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gateway_callback_list_idx" ON "gateway_callback" USING btree ("project_id","mode","gateway_id","received_at");--> statement-breakpoint
CREATE INDEX "gateway_callback_digest_idx" ON "gateway_callback" USING btree ("project_id","gateway_id","digest");