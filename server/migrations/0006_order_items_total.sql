ALTER TABLE "order_items" ADD COLUMN "order_total" integer;--> statement-breakpoint
UPDATE "order_items" AS i SET "order_total" = o."total" FROM "orders" AS o WHERE o."id" = i."order_id";--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "order_total" SET NOT NULL;--> statement-breakpoint
CREATE FUNCTION "order_items_copy_order_total"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.order_total := (SELECT o.total FROM orders AS o WHERE o.id = NEW.order_id);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "order_items_order_total" BEFORE INSERT ON "order_items" FOR EACH ROW WHEN (NEW.order_total IS NULL) EXECUTE FUNCTION "order_items_copy_order_total"();--> statement-breakpoint
CREATE INDEX "order_items_sku_total_idx" ON "order_items" USING btree ("sku_id","order_total","order_id");
