CREATE TABLE "request_log_error_hours" (
	"project_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"endpoint" text NOT NULL,
	"error_code" text NOT NULL,
	"count" integer NOT NULL,
	"statuses" smallint[] NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_request_id" text NOT NULL,
	CONSTRAINT "request_log_error_hours_pkey" PRIMARY KEY("project_id","mode","hour","endpoint","error_code")
);
--> statement-breakpoint
-- Requests logged before this table existed: counted once here (app/request-logs/errors.server.ts rebuildErrorHours is the same).
INSERT INTO "request_log_error_hours" ("project_id", "mode", "hour", "endpoint", "error_code", "count", "statuses", "last_at", "last_request_id")
SELECT "project_id", "mode", date_trunc('hour', "created_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', coalesce("endpoint", ''),
       coalesce("error_code", 'HTTP_' || "status"), count(*)::int, array_agg(DISTINCT "status" ORDER BY "status"), max("created_at"),
       (array_agg("id" ORDER BY "created_at" DESC))[1]
FROM "request_log" WHERE "status" >= 400 GROUP BY 1, 2, 3, 4, 5;
