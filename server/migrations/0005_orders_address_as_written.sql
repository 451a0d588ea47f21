ALTER TABLE "orders" ALTER COLUMN "division_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "address_index" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "buyer_phone_kind" text DEFAULT 'mobile' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "division_match" text DEFAULT 'exact' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "written_province" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "written_city" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "written_district" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "address_review" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "address_masked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_phone_kind" CHECK ("orders"."buyer_phone_kind" IN ('mobile', 'privacy', 'masked', 'landline', 'unrecognised') AND ("orders"."buyer_phone_kind" = 'mobile') = ("orders"."buyer_phone_index" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_division_match" CHECK ("orders"."division_match" IN ('exact', 'successor', 'zone', 'unresolved') AND ("orders"."division_code" IS NULL) = ("orders"."division_match" = 'unresolved') AND ("orders"."written_district" IS NULL) = ("orders"."division_match" = 'exact'));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_address_index" CHECK ("orders"."address_masked" = ("orders"."address_index" IS NULL));