ALTER TABLE "aftersales_cases" ADD COLUMN "reported_barcode" text;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "shipping_insurance" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "stock_corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "sent_sku_id" integer;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD CONSTRAINT "aftersales_cases_reported_barcode" CHECK ("aftersales_cases"."reported_barcode" IS NULL OR "aftersales_cases"."type" = 'wrong_item');--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD CONSTRAINT "aftersales_cases_stock_corrected" CHECK (("aftersales_cases"."stock_corrected_at" IS NULL) = ("aftersales_cases"."sent_sku_id" IS NULL));