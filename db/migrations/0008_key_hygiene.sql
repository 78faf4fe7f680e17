ALTER TABLE "api_key" DROP CONSTRAINT "api_key_kind_check";--> statement-breakpoint
ALTER TABLE "api_key" ADD COLUMN "last_used_ip" text;--> statement-breakpoint
ALTER TABLE "api_key" ADD COLUMN "permissions" text[];--> statement-breakpoint
ALTER TABLE "api_key" ADD COLUMN "allowed_ips" text[];--> statement-breakpoint
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_kind_check" CHECK ("api_key"."kind" in ('publishable','secret','restricted'));
