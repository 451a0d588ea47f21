import type pg from 'pg';

/**
 * The raw SQL floor of the after-sales reads: the statements the server's read models run for the
 * 售后工作台 queue (`aftersales/readModel.ts` caseRows: the page, then its count) and for the
 * return-reason summary (`reports/aftersalesReadModel.ts` returnReasons), as plain text through
 * `pg`. Kept to those statements' shape; change them together.
 */

const queuePage = `
SELECT c.id::int AS id, c.case_no AS "caseNo", c.order_id::int AS "orderId", o.order_no AS "orderNo", c.type, c.status, c.reason,
       c.no_reason AS "noReason", c.severity, c.reported_barcode AS "reportedBarcode", c.shipping_insurance AS "shippingInsurance",
       c.stock_corrected_at AS "stockCorrectedAt", c.evidence, u.display_name AS owner, c.deadline, c.override_reason AS "overrideReason",
       c.difficult, c.proposal, c.proposed_at AS "proposedAt", c.escalated_at AS "escalatedAt", c.received_at AS "receivedAt", c.settlement, c.return_tracking_no AS "returnTrackingNo", c.opened_at AS "openedAt", c.closed_at AS "closedAt",
       c.complaint_category AS "complaintCategory", c.complaint_ours AS "complaintOurs", c.complaint_resolved AS "complaintResolved", c.apologized_at AS "apologizedAt",
       COALESCE((SELECT sum(r.amount) FROM refunds AS r WHERE r.case_id = c.id), 0)::int AS refunded,
       o.status AS "orderStatus", (o.paid_amount - o.refunded_amount)::int AS "orderRefundable"
  FROM aftersales_cases AS c JOIN orders AS o ON o.id = c.order_id LEFT JOIN users AS u ON u.id = c.owner_id
 WHERE true AND c.owner_id = $1
 ORDER BY c.status = 'closed', c.deadline, c.id
 LIMIT $2 OFFSET $3`;
const queueCount = `SELECT count(*)::int AS total FROM aftersales_cases AS c WHERE true AND c.owner_id = $1`;

/** The first page of `ownerId`'s queue and its total, as GET /api/v1/aftersales/cases?mine=true reads them. */
export async function rawQueue(pool: pg.Pool, ownerId: number, pageSize: number): Promise<{ rows: { status: string; deadline: Date }[]; total: number }> {
  const page = await pool.query(queuePage, [ownerId, pageSize, 0]);
  const count = await pool.query<{ total: number }>(queueCount, [ownerId]);
  return { rows: page.rows, total: count.rows[0]!.total };
}

const period = { month: `to_char(day, 'YYYY-MM')`, week: `to_char(day, 'IYYY-"W"IW')` } as const;

export const reasonsSql = (groupBy: 'month' | 'week') => `
SELECT period, reason, cases, (sum(cases) OVER (PARTITION BY period))::int AS "periodCases"
  FROM (SELECT ${period[groupBy]} AS period, reason, sum(n)::int AS cases
          FROM (SELECT (c.opened_at AT TIME ZONE s.timezone)::date AS day, btrim(c.reason) AS reason, count(*) AS n
                  FROM aftersales_cases AS c JOIN shops AS s ON s.id = c.shop_id
                 WHERE c.type IN ('return_refund', 'exchange')
                   AND c.opened_at >= ($1::date - 1)::timestamp AT TIME ZONE 'UTC' AND c.opened_at < ($2::date + 2)::timestamp AT TIME ZONE 'UTC'
                 GROUP BY 1, 2 OFFSET 0) AS days
         WHERE day BETWEEN $1::date AND $2::date
         GROUP BY 1, 2) AS grouped
 ORDER BY period, cases DESC, reason`;

/** The return-reason summary's rows for shop days `from`–`to`. */
export async function rawReasons(pool: pg.Pool, groupBy: 'month' | 'week', from: string, to: string): Promise<unknown[]> {
  return (await pool.query(reasonsSql(groupBy), [from, to])).rows;
}
