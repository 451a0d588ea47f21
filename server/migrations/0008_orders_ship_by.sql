ALTER TABLE "orders" ADD COLUMN "ship_by" timestamp with time zone;--> statement-breakpoint
-- Orders paid (or confirmed cash on delivery) before the column existed promise what the setting
-- promised then; an unreadable stored value counts as the default, as readSetting does.
UPDATE "orders" SET "ship_by" = COALESCE("paid_at", "created_at") + make_interval(hours => COALESCE(
    (SELECT CASE WHEN jsonb_typeof(s."value") = 'number' THEN
              CASE WHEN (s."value")::numeric BETWEEN 1 AND 720 AND (s."value")::numeric = trunc((s."value")::numeric) THEN (s."value")::int END END
       FROM "settings" AS s WHERE s."key" = 'orders.shipPromiseHours'), 48))
 WHERE "status" <> 'pending_payment' AND ("paid_at" IS NOT NULL OR "payment_method" = 'cod');
