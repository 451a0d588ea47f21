ALTER TABLE "login_failures" ADD COLUMN "address" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "login_failures_address_at_idx" ON "login_failures" USING btree ("address","at");--> statement-breakpoint
CREATE INDEX "login_failures_at_idx" ON "login_failures" USING btree ("at");--> statement-breakpoint
DELETE FROM "login_failures" WHERE char_length("username") > 100;--> statement-breakpoint
ALTER TABLE "login_failures" ADD CONSTRAINT "login_failures_bounded" CHECK (char_length("login_failures"."username") <= 100 AND char_length("login_failures"."address") <= 64);