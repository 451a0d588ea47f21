ALTER TABLE "aftersales_cases" ADD COLUMN "complaint_category" text;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "complaint_ours" boolean;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "complaint_resolved" boolean;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "apologized_at" timestamp with time zone;--> statement-breakpoint
-- complaints opened before categories existed are filed under 其他
UPDATE "aftersales_cases" SET "complaint_category" = 'other' WHERE "type" = 'complaint';--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD CONSTRAINT "aftersales_cases_complaint" CHECK (("aftersales_cases"."type" = 'complaint') = ("aftersales_cases"."complaint_category" IS NOT NULL));