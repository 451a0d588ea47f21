import { Typography, type TableColumnsType } from 'antd';
import { formatDuration, formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { formatFen } from '../app/money';
import { useShopOptions } from '../catalog/api';
import type { OrderListRow } from './api';
import { FlagTag, StatusTag } from './labels';
import { ReviewSla } from './ReviewSla';

const lines = { display: 'flex', flexDirection: 'column' } as const;

/** Why a row waits: the rules that fired (their words, as the order page shows them). */
function HoldReasons({ order }: { order: OrderListRow }) {
  return (
    <div style={lines}>
      {order.holdReasons.map((r) => (
        <Typography.Text key={r.rule + r.message} type="danger">
          {r.message}
        </Typography.Text>
      ))}
    </div>
  );
}

function LatestRemark({ remark }: { remark: OrderListRow['latestRemark'] }) {
  if (!remark) return null;
  return (
    <div style={lines}>
      <span>
        <FlagTag flag={remark.flag} short />
        {remark.content}
      </span>
      <Typography.Text type="secondary">
        {remark.authorName} · {formatTime(remark.createdAt)}
      </Typography.Text>
    </div>
  );
}

/**
 * The review queue's columns: the deadline and the wait first (they decide what to work on next),
 * then why the order waits — reasons, the buyer's message, the newest remark. A green-flagged order
 * has no deadline, and says why in its place.
 */
export function useReviewColumns(now: number): TableColumnsType<OrderListRow> {
  const { t } = useI18n();
  const { shops } = useShopOptions();
  return [
    { title: t.orders.orderNo, dataIndex: 'orderNo', width: 180 },
    {
      title: t.orders.reviewDue,
      key: 'reviewDue',
      width: 200,
      render: (_, o) => (o.flag === 'green' ? <Typography.Text type="success">{t.orders.greenNoDeadline}</Typography.Text> : <ReviewSla dueAt={o.reviewDueAt} />),
    },
    { title: t.orders.waiting, key: 'waiting', width: 110, render: (_, o) => formatDuration(now - new Date(o.paidAt ?? o.createdAt).getTime(), t.common) },
    { title: t.orders.status, dataIndex: 'status', width: 100, render: (s: OrderListRow['status']) => <StatusTag status={s} /> },
    { title: t.orders.whyWaiting, key: 'why', width: 260, render: (_, o) => <HoldReasons order={o} /> },
    { title: t.orders.buyerMessage, dataIndex: 'buyerMessage', width: 200, ellipsis: { showTitle: true } },
    { title: t.orders.latestRemark, key: 'remark', width: 240, render: (_, o) => <LatestRemark remark={o.latestRemark} /> },
    { title: t.orders.shop, dataIndex: 'shopId', width: 120, ellipsis: true, render: (id: number) => shops.find((s) => s.id === id)?.name ?? '' },
    { title: t.orders.buyer, key: 'buyer', width: 140, ellipsis: true, render: (_, o) => [o.buyerNick, o.buyerName].filter(Boolean).join(' / ') },
    { title: t.orders.total, dataIndex: 'total', width: 100, align: 'right', render: formatFen },
  ];
}
