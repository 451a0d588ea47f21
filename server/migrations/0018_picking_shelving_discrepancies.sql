CREATE TABLE "stock_discrepancies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_discrepancies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sku_id" integer NOT NULL,
	"warehouse_id" integer NOT NULL,
	"bin_id" integer,
	"expected" integer NOT NULL,
	"found" integer NOT NULL,
	"ref_type" text,
	"ref_id" text,
	"status" text DEFAULT 'open' NOT NULL,
	"reported_by" integer,
	"reported_at" timestamp with time zone NOT NULL,
	"counted_quantity" integer,
	"on_hand_before" integer,
	"counted_by" integer,
	"counted_at" timestamp with time zone,
	CONSTRAINT "stock_discrepancies_status" CHECK ("stock_discrepancies"."status" IN ('open', 'counted')),
	CONSTRAINT "stock_discrepancies_short" CHECK ("stock_discrepancies"."found" >= 0 AND "stock_discrepancies"."found" < "stock_discrepancies"."expected")
);
--> statement-breakpoint
CREATE TABLE "pick_scans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pick_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"wave_id" integer NOT NULL,
	"bin_code" text,
	"barcode" text,
	"quantity" integer NOT NULL,
	"result" text NOT NULL,
	"sku_id" integer,
	"actor_id" integer,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "pick_scans_result" CHECK ("pick_scans"."result" IN ('ok', 'wrong_item', 'excess_item', 'bin_not_on_route', 'intercepted')),
	CONSTRAINT "pick_scans_quantity" CHECK ("pick_scans"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "shelving_lines" (
	"shelving_id" bigint NOT NULL,
	"sku_id" integer NOT NULL,
	"bin_code" text,
	"quantity" integer NOT NULL,
	"shelved" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "shelving_lines_shelving_id_sku_id_pk" PRIMARY KEY("shelving_id","sku_id"),
	CONSTRAINT "shelving_lines_shelved_within" CHECK ("shelving_lines"."shelved" >= 0 AND "shelving_lines"."shelved" <= "shelving_lines"."quantity" AND "shelving_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "shelvings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shelvings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"wave_id" integer NOT NULL,
	"order_id" bigint NOT NULL,
	"parcel_id" bigint,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" integer,
	"opened_at" timestamp with time zone NOT NULL,
	"done_by" integer,
	"done_at" timestamp with time zone,
	CONSTRAINT "shelvings_status" CHECK ("shelvings"."status" IN ('open', 'done'))
);
--> statement-breakpoint
CREATE TABLE "wave_picks" (
	"wave_id" integer NOT NULL,
	"order_id" bigint NOT NULL,
	"sku_id" integer NOT NULL,
	"picked" integer NOT NULL,
	CONSTRAINT "wave_picks_wave_id_order_id_sku_id_pk" PRIMARY KEY("wave_id","order_id","sku_id"),
	CONSTRAINT "wave_picks_picked_nonneg" CHECK ("wave_picks"."picked" >= 0)
);
--> statement-breakpoint
ALTER TABLE "wave_orders" ADD COLUMN "shelved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stock_discrepancies" ADD CONSTRAINT "stock_discrepancies_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_discrepancies" ADD CONSTRAINT "stock_discrepancies_bin_id_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."bins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pick_scans" ADD CONSTRAINT "pick_scans_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelving_lines" ADD CONSTRAINT "shelving_lines_shelving_id_shelvings_id_fk" FOREIGN KEY ("shelving_id") REFERENCES "public"."shelvings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelvings" ADD CONSTRAINT "shelvings_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shelvings" ADD CONSTRAINT "shelvings_wave_order_fk" FOREIGN KEY ("wave_id","order_id") REFERENCES "public"."wave_orders"("wave_id","order_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wave_picks" ADD CONSTRAINT "wave_picks_wave_order_fk" FOREIGN KEY ("wave_id","order_id") REFERENCES "public"."wave_orders"("wave_id","order_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stock_discrepancies_warehouse_idx" ON "stock_discrepancies" USING btree ("warehouse_id","status","id");--> statement-breakpoint
CREATE INDEX "stock_discrepancies_open_sku_idx" ON "stock_discrepancies" USING btree ("sku_id","warehouse_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "pick_scans_wave_idx" ON "pick_scans" USING btree ("wave_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "shelvings_wave_order_uq" ON "shelvings" USING btree ("wave_id","order_id");