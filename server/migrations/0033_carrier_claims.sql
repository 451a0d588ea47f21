CREATE TABLE "carrier_claims" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "carrier_claims_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"parcel_id" bigint NOT NULL,
	"carrier" text NOT NULL,
	"tracking_no" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"claimed" integer NOT NULL,
	"lines" jsonb NOT NULL,
	"recovered" integer,
	"carrier_claim_no" text,
	"automatic" boolean NOT NULL,
	"note" text,
	"outcome_note" text,
	"opened_by" integer,
	"opened_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	CONSTRAINT "carrier_claims_kind" CHECK ("carrier_claims"."kind" IN ('damage', 'shortfall')),
	CONSTRAINT "carrier_claims_status" CHECK ("carrier_claims"."status" IN ('open', 'submitted', 'settled', 'rejected')),
	CONSTRAINT "carrier_claims_claimed" CHECK ("carrier_claims"."claimed" > 0),
	CONSTRAINT "carrier_claims_recovered" CHECK (("carrier_claims"."status" = 'settled') = ("carrier_claims"."recovered" IS NOT NULL) AND ("carrier_claims"."recovered" IS NULL OR ("carrier_claims"."recovered" > 0 AND "carrier_claims"."recovered" <= "carrier_claims"."claimed")))
);
--> statement-breakpoint
ALTER TABLE "carrier_claims" ADD CONSTRAINT "carrier_claims_case_id_aftersales_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."aftersales_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "carrier_claims_case_idx" ON "carrier_claims" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "carrier_claims_queue_idx" ON "carrier_claims" USING btree ("status","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "carrier_claims_one_undecided_uq" ON "carrier_claims" USING btree ("case_id","kind") WHERE status IN ('open', 'submitted');