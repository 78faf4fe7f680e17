CREATE TABLE "analytics_order_day" (
	"project_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"day" date NOT NULL,
	"gateway_id" text NOT NULL,
	"status" text NOT NULL,
	"source_currency" text NOT NULL,
	"orders" integer NOT NULL,
	"source_amount" numeric NOT NULL,
	CONSTRAINT "analytics_order_day_project_id_mode_day_gateway_id_status_source_currency_pk" PRIMARY KEY("project_id","mode","day","gateway_id","status","source_currency"),
	CONSTRAINT "analytics_order_day_mode_check" CHECK ("analytics_order_day"."mode" in ('test','live'))
);
--> statement-breakpoint
CREATE TABLE "analytics_rollup" (
	"project_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"rolled_through" date NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_rollup_project_id_mode_pk" PRIMARY KEY("project_id","mode"),
	CONSTRAINT "analytics_rollup_mode_check" CHECK ("analytics_rollup"."mode" in ('test','live'))
);
--> statement-breakpoint
CREATE TABLE "analytics_session_day" (
	"project_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"destination_currency" text NOT NULL,
	"sessions" integer NOT NULL,
	CONSTRAINT "analytics_session_day_project_id_mode_day_status_destination_currency_pk" PRIMARY KEY("project_id","mode","day","status","destination_currency"),
	CONSTRAINT "analytics_session_day_mode_check" CHECK ("analytics_session_day"."mode" in ('test','live'))
);
--> statement-breakpoint
ALTER TABLE "analytics_order_day" ADD CONSTRAINT "analytics_order_day_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_rollup" ADD CONSTRAINT "analytics_rollup_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_session_day" ADD CONSTRAINT "analytics_session_day_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_email_idx" ON "customer" USING btree ("project_id","mode","email");--> statement-breakpoint
CREATE INDEX "checkout_session_overview_idx" ON "checkout_session" USING btree ("project_id","mode","created_at","id","status","destination_currency");--> statement-breakpoint
CREATE INDEX "order_overview_idx" ON "order" USING btree ("project_id","mode","created_at","id","gateway_id","status","source_currency","source_amount");