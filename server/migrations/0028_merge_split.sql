CREATE TABLE "shipment_merges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shipment_merges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"shop_id" integer NOT NULL,
	"warehouse_id" integer NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"dissolved_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "parcels_one_open_per_order_uq";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "merge_id" bigint;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "merge_id" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_merge_id_shipment_merges_id_fk" FOREIGN KEY ("merge_id") REFERENCES "public"."shipment_merges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_merge_idx" ON "orders" USING btree ("merge_id") WHERE merge_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_one_packing_per_order_uq" ON "parcels" USING btree ("order_id") WHERE status = 'packing';--> statement-breakpoint
CREATE INDEX "parcels_merge_idx" ON "parcels" USING btree ("merge_id") WHERE merge_id IS NOT NULL;