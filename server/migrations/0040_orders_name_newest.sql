DROP INDEX "orders_name_idx";--> statement-breakpoint
CREATE INDEX "orders_name_idx" ON "orders" USING btree ("buyer_name_index","created_at");