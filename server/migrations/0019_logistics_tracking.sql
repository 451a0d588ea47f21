CREATE TABLE "logistics_exceptions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "logistics_exceptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"parcel_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"detail" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"contact_due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"escalated_at" timestamp with time zone,
	"contacted_at" timestamp with time zone,
	"contacted_by" integer,
	"contact_channel" text,
	"contact_note" text,
	"outcome" text,
	"outcome_note" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" integer,
	CONSTRAINT "logistics_exceptions_kind" CHECK ("logistics_exceptions"."kind" IN ('not_picked_up', 'stale', 'returned', 'damaged')),
	CONSTRAINT "logistics_exceptions_status" CHECK ("logistics_exceptions"."status" IN ('open', 'contacted', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tracking_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"parcel_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"location" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "tracking_events_status" CHECK ("tracking_events"."status" IN ('picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'damaged')),
	CONSTRAINT "tracking_events_source" CHECK ("tracking_events"."source" IN ('webhook', 'csv', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "tracking_webhook_receipts" (
	"signature" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "logistics_exceptions_open_uq" ON "logistics_exceptions" USING btree ("parcel_id","kind") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "logistics_exceptions_queue_idx" ON "logistics_exceptions" USING btree ("status","contact_due_at");--> statement-breakpoint
CREATE INDEX "logistics_exceptions_order_idx" ON "logistics_exceptions" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_uq" ON "tracking_events" USING btree ("parcel_id","occurred_at","status","description");--> statement-breakpoint
CREATE INDEX "tracking_events_order_idx" ON "tracking_events" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "orders_delivered_idx" ON "orders" USING btree ("delivered_at") WHERE status = 'delivered';--> statement-breakpoint
-- orders delivered or completed before these columns: their last change is the best time known
UPDATE "orders" SET "delivered_at" = "updated_at" WHERE "status" IN ('delivered', 'completed') AND "delivered_at" IS NULL;--> statement-breakpoint
UPDATE "orders" SET "completed_at" = "updated_at" WHERE "status" = 'completed' AND "completed_at" IS NULL;
