-- Each order's month joins its nick's pieces, as searchMonthOf writes it (m:YYYY-MM, UTC), so a
-- search by part of a nick can ask the GIN index for recent months' matches only.
UPDATE "orders" SET "buyer_nick_pieces" = "buyer_nick_pieces" || ARRAY['m:' || to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM')]
 WHERE "buyer_nick_pieces" IS NOT NULL;
