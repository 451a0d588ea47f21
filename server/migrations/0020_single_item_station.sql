ALTER TABLE "pack_scans" DROP CONSTRAINT "pack_scans_result";--> statement-breakpoint
ALTER TABLE "pack_scans" ALTER COLUMN "parcel_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "pack_scans" ADD COLUMN "wave_id" integer;--> statement-breakpoint
ALTER TABLE "pack_scans" ADD CONSTRAINT "pack_scans_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pack_scans_wave_idx" ON "pack_scans" USING btree ("wave_id","id") WHERE wave_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "pack_scans" ADD CONSTRAINT "pack_scans_parcel_or_wave" CHECK ("pack_scans"."parcel_id" IS NOT NULL OR "pack_scans"."wave_id" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "pack_scans" ADD CONSTRAINT "pack_scans_result" CHECK ("pack_scans"."result" IN ('ok', 'wrong_item', 'excess_item', 'intercepted'));