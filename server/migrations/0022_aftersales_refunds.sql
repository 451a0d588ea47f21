CREATE SEQUENCE "public"."aftersales_case_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "aftersales_case_lines" (
	"case_id" bigint NOT NULL,
	"order_item_id" bigint NOT NULL,
	"sku_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "aftersales_case_lines_case_id_order_item_id_pk" PRIMARY KEY("case_id","order_item_id"),
	CONSTRAINT "aftersales_case_lines_quantity" CHECK ("aftersales_case_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "aftersales_cases" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "aftersales_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_no" text NOT NULL,
	"order_id" bigint NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"no_reason" boolean DEFAULT false NOT NULL,
	"severity" text,
	"evidence" jsonb NOT NULL,
	"owner_id" integer,
	"deadline" timestamp with time zone NOT NULL,
	"opened_by" integer,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "aftersales_cases_case_no_unique" UNIQUE("case_no"),
	CONSTRAINT "aftersales_cases_type" CHECK ("aftersales_cases"."type" IN ('return_refund', 'exchange', 'refund_only', 'missing_item', 'wrong_item', 'damaged', 'quality', 'complaint')),
	CONSTRAINT "aftersales_cases_status" CHECK ("aftersales_cases"."status" IN ('open', 'awaiting_approval', 'closed')),
	CONSTRAINT "aftersales_cases_severity" CHECK ("aftersales_cases"."severity" IS NULL OR ("aftersales_cases"."type" = 'damaged' AND "aftersales_cases"."severity" IN ('minor', 'severe')))
);
--> statement-breakpoint
CREATE TABLE "refund_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "refund_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"amount" integer NOT NULL,
	"reason" text NOT NULL,
	"requested_by" integer,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"refund_id" bigint,
	CONSTRAINT "refund_requests_amount" CHECK ("refund_requests"."amount" > 0),
	CONSTRAINT "refund_requests_status" CHECK ("refund_requests"."status" IN ('pending', 'approved', 'rejected')),
	CONSTRAINT "refund_requests_approved_paid" CHECK (("refund_requests"."status" = 'approved') = ("refund_requests"."refund_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "refunds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"case_id" bigint NOT NULL,
	"amount" integer NOT NULL,
	"reason" text NOT NULL,
	"method" text NOT NULL,
	"actor_id" integer,
	"approved_by" integer,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "refunds_amount" CHECK ("refunds"."amount" > 0),
	CONSTRAINT "refunds_method" CHECK ("refunds"."method" IN ('original'))
);
--> statement-breakpoint
ALTER TABLE "aftersales_case_lines" ADD CONSTRAINT "aftersales_case_lines_case_id_aftersales_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."aftersales_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_case_id_aftersales_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."aftersales_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_case_id_aftersales_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."aftersales_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "aftersales_cases_order_idx" ON "aftersales_cases" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "aftersales_cases_queue_idx" ON "aftersales_cases" USING btree ("status","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "refund_requests_one_pending_uq" ON "refund_requests" USING btree ("case_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_case_idx" ON "refunds" USING btree ("case_id");--> statement-breakpoint
-- The refund ledger moves the order's refunded amount, whoever writes it: orders_refund_le_paid then
-- refuses any refund past what was paid, and the row lock this UPDATE takes makes concurrent refunds
-- of one order take turns.
CREATE FUNCTION "refunds_add_to_order"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "orders" SET "refunded_amount" = "refunded_amount" + NEW."amount" WHERE "id" = NEW."order_id";
  IF NOT FOUND THEN
    RAISE EXCEPTION 'refund % names no order %', NEW."id", NEW."order_id" USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "refunds_add_to_order" AFTER INSERT ON "refunds" FOR EACH ROW EXECUTE FUNCTION "refunds_add_to_order"();--> statement-breakpoint
-- A ledger row, once written, stays as it was.
CREATE FUNCTION "refunds_unchanged"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'refunds are a ledger: rows are never changed or removed' USING ERRCODE = 'restrict_violation';
END $$;--> statement-breakpoint
CREATE TRIGGER "refunds_unchanged" BEFORE UPDATE OR DELETE ON "refunds" FOR EACH ROW EXECUTE FUNCTION "refunds_unchanged"();
