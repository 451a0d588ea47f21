CREATE TABLE "parcel_weighings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "parcel_weighings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"parcel_id" bigint NOT NULL,
	"grams" integer NOT NULL,
	"expected_grams" integer NOT NULL,
	"tolerance_percent" integer NOT NULL,
	"verdict" text NOT NULL,
	"reason" text,
	"actor_id" integer,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "parcel_weighings_verdict" CHECK ("parcel_weighings"."verdict" IN ('ok', 'mismatch', 'override') AND ("parcel_weighings"."verdict" = 'override') = ("parcel_weighings"."reason" IS NOT NULL)),
	CONSTRAINT "parcel_weighings_grams" CHECK ("parcel_weighings"."grams" > 0 AND "parcel_weighings"."expected_grams" >= 0)
);
--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "weighed_grams" integer;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "weighed_by" integer;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "weighed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "weight_verdict" text;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "shipped_by" integer;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "shipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "parcel_weighings" ADD CONSTRAINT "parcel_weighings_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parcel_weighings_parcel_idx" ON "parcel_weighings" USING btree ("parcel_id","id");--> statement-breakpoint
CREATE INDEX "parcels_shipped_at_idx" ON "parcels" USING btree ("shipped_at") WHERE shipped_at IS NOT NULL;--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_weight_verdict" CHECK ("parcels"."weight_verdict" IS NULL OR ("parcels"."weight_verdict" IN ('ok', 'mismatch', 'override') AND "parcels"."weighed_grams" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_weighed_passed" CHECK ("parcels"."status" <> 'weighed' OR "parcels"."weight_verdict" IN ('ok', 'override'));--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_shipped_with_waybill" CHECK ("parcels"."status" <> 'shipped' OR ("parcels"."tracking_no" IS NOT NULL AND "parcels"."shipped_at" IS NOT NULL));