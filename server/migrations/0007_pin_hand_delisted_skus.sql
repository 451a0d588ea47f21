-- Until now a SKU delisted while it still had sellable stock could only have been taken off sale by
-- an operator (automatic delisting happens at zero). Such SKUs are pinned, so the listing a person
-- chose stays put and intake refuses them by the pin alone.
UPDATE "skus" AS k SET "listing_pinned" = true
 WHERE k."listing_status" <> 'on_sale' AND NOT k."listing_pinned"
   AND (SELECT COALESCE(SUM(l."on_hand" - l."reserved"), 0)
          FROM "stock_levels" AS l JOIN "warehouses" AS w ON w."id" = l."warehouse_id" AND w."active"
         WHERE l."sku_id" = k."id") > 0;
