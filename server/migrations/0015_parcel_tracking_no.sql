ALTER TABLE "parcels" DROP CONSTRAINT "parcels_status";--> statement-breakpoint
DROP INDEX "parcels_one_open_per_order_uq";--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "tracking_no" text;--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_tracking_uq" ON "parcels" USING btree ("carrier","tracking_no") WHERE tracking_no IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_one_open_per_order_uq" ON "parcels" USING btree ("order_id") WHERE status IN ('packing', 'packed', 'weighed');--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_status" CHECK ("parcels"."status" IN ('packing', 'packed', 'weighed', 'shipped', 'intercepted', 'shelved'));