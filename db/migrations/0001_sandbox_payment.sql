CREATE TABLE "sandbox_payment" (
	"id" text PRIMARY KEY NOT NULL,
	"gateway_id" text NOT NULL,
	"partner_order_id" text NOT NULL,
	"fiat_currency" text NOT NULL,
	"fiat_amount" numeric NOT NULL,
	"crypto_currency" text NOT NULL,
	"crypto_amount" numeric NOT NULL,
	"network" text NOT NULL,
	"wallet_address" text NOT NULL,
	"email" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"callback_url" text NOT NULL,
	"return_url" text,
	"transaction_hash" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sandbox_payment_partner_order_idx" ON "sandbox_payment" USING btree ("partner_order_id");