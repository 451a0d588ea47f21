-- Bins get their place on the picking route, and each stock level's free-text bin_code becomes a
-- pick bin of the level's own warehouse. A bin_code naming no bin of its warehouse could only have
-- been written around the API (receipts refuse unknown bins), yet it still says where the goods lie:
-- such codes become bins of that warehouse rather than being dropped. Existing bins walk in code order.
ALTER TABLE "bins" ADD COLUMN "walk_order" integer;--> statement-breakpoint
INSERT INTO "bins" ("warehouse_id", "code")
SELECT DISTINCT l."warehouse_id", l."bin_code" FROM "stock_levels" AS l
 WHERE l."bin_code" IS NOT NULL
ON CONFLICT ("warehouse_id", "code") DO NOTHING;--> statement-breakpoint
UPDATE "bins" AS b SET "walk_order" = ranked."position"
  FROM (SELECT "id", row_number() OVER (PARTITION BY "warehouse_id" ORDER BY "code") AS "position" FROM "bins") AS ranked
 WHERE ranked."id" = b."id";--> statement-breakpoint
ALTER TABLE "bins" ALTER COLUMN "walk_order" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "bins" ADD CONSTRAINT "bins_id_warehouse_uq" UNIQUE("id","warehouse_id");--> statement-breakpoint
ALTER TABLE "bins" ADD CONSTRAINT "bins_walk_order_nonneg" CHECK ("bins"."walk_order" >= 0);--> statement-breakpoint
CREATE INDEX "bins_walk_idx" ON "bins" USING btree ("warehouse_id","walk_order","code");--> statement-breakpoint
ALTER TABLE "stock_levels" ADD COLUMN "pick_bin_id" integer;--> statement-breakpoint
UPDATE "stock_levels" AS l SET "pick_bin_id" = b."id"
  FROM "bins" AS b
 WHERE b."warehouse_id" = l."warehouse_id" AND b."code" = l."bin_code";--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_pick_bin_fk" FOREIGN KEY ("pick_bin_id","warehouse_id") REFERENCES "public"."bins"("id","warehouse_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" DROP COLUMN "bin_code";--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_reason_declared" CHECK ("stock_movements"."reason" IN ('receipt', 'reservation', 'release', 'shipment', 'return_restock', 'defective', 'write_off', 'stocktake', 'adjustment'));
