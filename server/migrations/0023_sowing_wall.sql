CREATE TABLE "sow_lines" (
	"wave_id" integer NOT NULL,
	"order_id" bigint NOT NULL,
	"order_item_id" bigint NOT NULL,
	"sku_id" integer NOT NULL,
	"needed" integer NOT NULL,
	"sown" integer NOT NULL,
	CONSTRAINT "sow_lines_wave_id_order_item_id_pk" PRIMARY KEY("wave_id","order_item_id"),
	CONSTRAINT "sow_lines_sown_within" CHECK ("sow_lines"."sown" >= 0 AND "sow_lines"."sown" <= "sow_lines"."needed" AND "sow_lines"."needed" > 0)
);
--> statement-breakpoint
CREATE TABLE "sow_scans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sow_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"wave_id" integer NOT NULL,
	"barcode" text NOT NULL,
	"result" text NOT NULL,
	"sku_id" integer,
	"order_id" bigint,
	"slot" integer,
	"actor_id" integer,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "sow_scans_result" CHECK ("sow_scans"."result" IN ('ok', 'wrong_item', 'excess_item', 'intercepted', 'not_picked')),
	CONSTRAINT "sow_scans_ok_has_slot" CHECK ("sow_scans"."result" <> 'ok' OR ("sow_scans"."slot" IS NOT NULL AND "sow_scans"."order_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "sow_lines" ADD CONSTRAINT "sow_lines_wave_order_fk" FOREIGN KEY ("wave_id","order_id") REFERENCES "public"."wave_orders"("wave_id","order_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sow_scans" ADD CONSTRAINT "sow_scans_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sow_scans_wave_idx" ON "sow_scans" USING btree ("wave_id","id");