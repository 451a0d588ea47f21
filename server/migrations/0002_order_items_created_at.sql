ALTER TABLE "order_items" ADD COLUMN "order_created_at" timestamp with time zone;--> statement-breakpoint
UPDATE "order_items" AS i SET "order_created_at" = o."created_at" FROM "orders" AS o WHERE o."id" = i."order_id";--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "order_created_at" SET NOT NULL;--> statement-breakpoint
CREATE FUNCTION "order_items_copy_order_created_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.order_created_at := (SELECT o.created_at FROM orders AS o WHERE o.id = NEW.order_id);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "order_items_order_created_at" BEFORE INSERT ON "order_items" FOR EACH ROW WHEN (NEW.order_created_at IS NULL) EXECUTE FUNCTION "order_items_copy_order_created_at"();--> statement-breakpoint
CREATE INDEX "order_items_sku_created_idx" ON "order_items" USING btree ("sku_id","order_created_at","order_id");
