CREATE TABLE "aftersales_reships" (
	"case_id" bigint NOT NULL,
	"order_id" bigint PRIMARY KEY NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "reissue_of" bigint;--> statement-breakpoint
ALTER TABLE "aftersales_reships" ADD CONSTRAINT "aftersales_reships_case_id_aftersales_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."aftersales_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "aftersales_reships_case_idx" ON "aftersales_reships" USING btree ("case_id");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_reissue_of_orders_id_fk" FOREIGN KEY ("reissue_of") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_reissue_of_idx" ON "orders" USING btree ("reissue_of") WHERE reissue_of IS NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_reissue_free" CHECK ("orders"."reissue_of" IS NULL OR ("orders"."total" = 0 AND "orders"."platform_order_id" IS NULL));