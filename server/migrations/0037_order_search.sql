ALTER TABLE "orders" ADD COLUMN "buyer_phone_tail_index" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "buyer_name_index" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "buyer_nick_pieces" text[];--> statement-breakpoint
-- Rows already written wait for the backfill job (orders/searchBackfill.ts): only it can decrypt their phone and name.
ALTER TABLE "orders" ADD COLUMN "search_indexed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "search_indexed" SET DEFAULT true;--> statement-breakpoint
CREATE INDEX "orders_phone_tail_idx" ON "orders" USING btree ("buyer_phone_tail_index");--> statement-breakpoint
CREATE INDEX "orders_name_idx" ON "orders" USING btree ("buyer_name_index");--> statement-breakpoint
CREATE INDEX "orders_order_no_tail_idx" ON "orders" USING btree (reverse("order_no") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_nick_pieces_idx" ON "orders" USING gin ("buyer_nick_pieces");--> statement-breakpoint
CREATE INDEX "orders_search_backfill_idx" ON "orders" USING btree ("id") WHERE NOT search_indexed;