-- Reservations move from one row per (order, SKU, warehouse) to one row per order line, with the
-- units consumed (shipped) and released counted on the row instead of a status. Each old row is
-- split onto the order's lines of its SKU, a line holding its own quantity; an open row's lines
-- stay open, a consumed or released row's lines are consumed or released in full.
DROP INDEX "stock_reservations_open_idx";--> statement-breakpoint
ALTER TABLE "stock_reservations" ADD COLUMN "order_item_id" bigint;--> statement-breakpoint
ALTER TABLE "stock_reservations" ADD COLUMN "consumed_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_reservations" ADD COLUMN "released_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
INSERT INTO "stock_reservations" ("order_id", "order_item_id", "sku_id", "warehouse_id", "quantity", "consumed_quantity", "released_quantity", "created_at", "closed_at")
SELECT r."order_id", i."id", r."sku_id", r."warehouse_id", i."quantity",
       CASE WHEN r."status" = 'consumed' THEN i."quantity" ELSE 0 END,
       CASE WHEN r."status" = 'released' THEN i."quantity" ELSE 0 END,
       r."created_at", r."closed_at"
  FROM "stock_reservations" AS r
  JOIN "order_items" AS i ON i."order_id" = r."order_id" AND i."sku_id" = r."sku_id"
 WHERE r."order_item_id" IS NULL
 ORDER BY r."id", i."id";--> statement-breakpoint
DELETE FROM "stock_reservations" WHERE "order_item_id" IS NULL;--> statement-breakpoint
ALTER TABLE "stock_reservations" ALTER COLUMN "order_item_id" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_reservations_line_uq" ON "stock_reservations" USING btree ("order_item_id","warehouse_id");--> statement-breakpoint
ALTER TABLE "stock_reservations" DROP COLUMN "status";--> statement-breakpoint
ALTER TABLE "stock_reservations" ADD CONSTRAINT "stock_reservations_settled_within" CHECK ("stock_reservations"."consumed_quantity" >= 0 AND "stock_reservations"."released_quantity" >= 0 AND "stock_reservations"."consumed_quantity" + "stock_reservations"."released_quantity" <= "stock_reservations"."quantity");
