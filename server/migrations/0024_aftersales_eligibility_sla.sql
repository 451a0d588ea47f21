ALTER TABLE "aftersales_cases" DROP CONSTRAINT "aftersales_cases_status";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "return_policy" text DEFAULT 'standard' NOT NULL;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "override_reason" text;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "overridden_by" integer;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "difficult" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "proposal" jsonb;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "proposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "aftersales_cases_overdue_idx" ON "aftersales_cases" USING btree ("deadline") WHERE status <> 'closed' AND proposed_at IS NULL AND escalated_at IS NULL;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_return_policy" CHECK ("products"."return_policy" IN ('standard', 'custom_made', 'perishable', 'digital', 'periodical', 'confirmed_at_purchase'));--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD CONSTRAINT "aftersales_cases_status" CHECK ("aftersales_cases"."status" IN ('open', 'awaiting_approval', 'awaiting_return', 'closed'));