CREATE TABLE "request_log" (
	"id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"source" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"query" text,
	"endpoint" text,
	"status" smallint NOT NULL,
	"latency_ms" integer NOT NULL,
	"key_id" text,
	"key_kind" text,
	"ip" text,
	"user_agent" text,
	"idempotency_key" text,
	"error_code" text,
	"error_message" text,
	"request_headers" text,
	"response_headers" text,
	"request_body" text,
	"response_body" text,
	"object_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "request_log_pkey" PRIMARY KEY("created_at","id"),
	CONSTRAINT "request_log_mode_check" CHECK ("request_log"."mode" in ('test','live')),
	CONSTRAINT "request_log_source_check" CHECK ("request_log"."source" in ('api','callback'))
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
CREATE INDEX "request_log_list_idx" ON "request_log" USING btree ("project_id","mode","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "request_log_endpoint_idx" ON "request_log" USING btree ("project_id","mode","endpoint","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "request_log_key_idx" ON "request_log" USING btree ("project_id","mode","key_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "request_log_ip_idx" ON "request_log" USING btree ("project_id","mode","ip","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "request_log_failed_idx" ON "request_log" USING btree ("project_id","mode","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "request_log"."status" >= 400;--> statement-breakpoint
CREATE INDEX "request_log_id_idx" ON "request_log" USING btree ("id");--> statement-breakpoint
CREATE INDEX "request_log_idempotency_idx" ON "request_log" USING btree ("idempotency_key") WHERE "request_log"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "request_log_objects_idx" ON "request_log" USING gin ("object_ids");--> statement-breakpoint
-- One partition per UTC day (written by hand: drizzle-kit does not model partitioning). The app creates the
-- coming days' partitions at start-up and hourly, and drops expired ones (app/request-logs/partitions.server.ts);
-- yesterday to two days ahead exist from the start.
DO $$
DECLARE d date;
BEGIN
  FOR i IN -1..2 LOOP
    d := (now() AT TIME ZONE 'UTC')::date + i;
    EXECUTE format(
      'CREATE TABLE IF NOT EXISTS %I PARTITION OF "request_log" FOR VALUES FROM (%L) TO (%L)',
      'request_log_p' || to_char(d, 'YYYYMMDD'),
      to_char(d, 'YYYY-MM-DD') || ' 00:00:00+00',
      to_char(d + 1, 'YYYY-MM-DD') || ' 00:00:00+00'
    );
  END LOOP;
END $$;
