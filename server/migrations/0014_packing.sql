CREATE TABLE "pack_scans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pack_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"parcel_id" bigint NOT NULL,
	"barcode" text NOT NULL,
	"result" text NOT NULL,
	"sku_id" integer,
	"actor_id" integer,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "pack_scans_result" CHECK ("pack_scans"."result" IN ('ok', 'wrong_item', 'excess_item'))
);
--> statement-breakpoint
CREATE TABLE "parcel_lines" (
	"parcel_id" bigint NOT NULL,
	"order_item_id" bigint NOT NULL,
	"sku_id" integer NOT NULL,
	"expected" integer NOT NULL,
	"scanned" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "parcel_lines_parcel_id_order_item_id_pk" PRIMARY KEY("parcel_id","order_item_id"),
	CONSTRAINT "parcel_lines_scanned_within" CHECK ("parcel_lines"."scanned" >= 0 AND "parcel_lines"."scanned" <= "parcel_lines"."expected" AND "parcel_lines"."expected" > 0)
);
--> statement-breakpoint
CREATE TABLE "parcels" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "parcels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"wave_id" integer,
	"warehouse_id" integer NOT NULL,
	"status" text NOT NULL,
	"carrier" text NOT NULL,
	"expected_grams" integer,
	"opened_by" integer,
	"opened_at" timestamp with time zone NOT NULL,
	"packed_by" integer,
	"packed_at" timestamp with time zone,
	CONSTRAINT "parcels_status" CHECK ("parcels"."status" IN ('packing', 'packed', 'intercepted'))
);
--> statement-breakpoint
ALTER TABLE "wave_orders" ADD COLUMN "intercepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wave_orders" ADD COLUMN "intercept_reason" text;--> statement-breakpoint
ALTER TABLE "pack_scans" ADD CONSTRAINT "pack_scans_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcel_lines" ADD CONSTRAINT "parcel_lines_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pack_scans_parcel_idx" ON "pack_scans" USING btree ("parcel_id","id");--> statement-breakpoint
CREATE INDEX "parcels_order_idx" ON "parcels" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_one_open_per_order_uq" ON "parcels" USING btree ("order_id") WHERE status IN ('packing', 'packed');