CREATE SEQUENCE "public"."wave_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "wave_orders" (
	"wave_id" integer NOT NULL,
	"order_id" bigint NOT NULL,
	"slot" integer,
	"carrier" text NOT NULL,
	"carrier_reason" text NOT NULL,
	CONSTRAINT "wave_orders_wave_id_order_id_pk" PRIMARY KEY("wave_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "waves" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "waves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"wave_no" text NOT NULL,
	"warehouse_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'picking' NOT NULL,
	"filter" jsonb NOT NULL,
	"order_count" integer NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "waves_wave_no_unique" UNIQUE("wave_no"),
	CONSTRAINT "waves_kind" CHECK ("waves"."kind" IN ('single', 'multi'))
);
--> statement-breakpoint
ALTER TABLE "wave_orders" ADD CONSTRAINT "wave_orders_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wave_orders_order_idx" ON "wave_orders" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "waves_warehouse_created_idx" ON "waves" USING btree ("warehouse_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_to_wave_idx" ON "orders" USING btree ("warehouse_id","ship_by","id") WHERE status = 'awaiting_fulfillment';