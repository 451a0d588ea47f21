CREATE TABLE "return_receipts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "return_receipts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"order_item_id" bigint NOT NULL,
	"sku_id" integer NOT NULL,
	"warehouse_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"condition" text NOT NULL,
	"received_by" integer,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "return_receipts_quantity" CHECK ("return_receipts"."quantity" > 0),
	CONSTRAINT "return_receipts_condition" CHECK ("return_receipts"."condition" IN ('resellable', 'defective'))
);
--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "aftersales_cases" ADD COLUMN "settlement" jsonb;--> statement-breakpoint
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_case_id_aftersales_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."aftersales_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_receipts_case_idx" ON "return_receipts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "return_receipts_received_idx" ON "return_receipts" USING btree ("received_at");