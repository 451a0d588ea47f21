CREATE TABLE "waybill_numbers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "waybill_numbers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"carrier" text NOT NULL,
	"tracking_no" text NOT NULL,
	"loaded_by" integer,
	"loaded_at" timestamp with time zone NOT NULL,
	"parcel_id" bigint,
	"allotted_at" timestamp with time zone,
	CONSTRAINT "waybill_numbers_allotted" CHECK (("waybill_numbers"."parcel_id" IS NULL) = ("waybill_numbers"."allotted_at" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "waybill_numbers" ADD CONSTRAINT "waybill_numbers_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "waybill_numbers_carrier_no_uq" ON "waybill_numbers" USING btree ("carrier","tracking_no");--> statement-breakpoint
CREATE UNIQUE INDEX "waybill_numbers_parcel_uq" ON "waybill_numbers" USING btree ("parcel_id") WHERE parcel_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "waybill_numbers_free_idx" ON "waybill_numbers" USING btree ("carrier","id") WHERE parcel_id IS NULL;