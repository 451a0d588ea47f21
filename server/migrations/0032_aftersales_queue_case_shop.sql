-- A case keeps its order's shop (an order never changes shop), so the return-reason summary reads no orders.
ALTER TABLE "aftersales_cases" ADD COLUMN "shop_id" integer;--> statement-breakpoint
UPDATE "aftersales_cases" AS c SET "shop_id" = o."shop_id" FROM "orders" AS o WHERE o."id" = c."order_id";--> statement-breakpoint
ALTER TABLE "aftersales_cases" ALTER COLUMN "shop_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "aftersales_cases_owner_queue_idx" ON "aftersales_cases" USING btree ("owner_id",(status = 'closed'),"deadline","id");
