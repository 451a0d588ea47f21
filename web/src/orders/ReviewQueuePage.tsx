import { useQuery } from '@tanstack/react-query';
import { Alert, App, Typography, type TableColumnsType } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { formatDuration } from '../app/format';
import { useI18n } from '../app/i18n';
import { QueryTable } from '../app/ListTable';
import { formatFen } from '../app/money';
import { Page } from '../app/Page';
import { useApiMutation } from '../app/useApiMutation';
import { useNow } from '../app/useNow';
import { useShopOptions } from '../catalog/api';
import { approveOrder, fetchOrders, REVIEW_STATUSES, type OrderSummary } from './api';
import { approvalRefusal, follow, movedByUser, NO_CURSOR, type Cursor } from './approvalGuard';
import { FlagTag, StatusTag } from './labels';
import { HoldDialog, useRefreshAfterOrderChange } from './OrderActions';
import { ReviewSla } from './ReviewSla';

const QUEUE_SIZE = 100;

/** Keys typed into a field (or while a dialog is open) are text, not shortcuts. */
function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return !!document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal');
}

/**
 * 审单: orders waiting for a person (held by a risk rule or awaiting review), oldest first, with the
 * 2-hour SLA visible. Workable without the mouse: j/k move, a approves, h holds, Enter opens.
 */
export default function ReviewQueuePage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const now = useNow();
  const { shops } = useShopOptions();
  const refresh = useRefreshAfterOrderChange();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [holding, setHolding] = useState<number | null>(null);
  // read by the key handler at the moment of the key press, so kept outside React state
  const cursor = useRef<Cursor>(NO_CURSOR);
  const approving = useRef(false);

  const queue = useQuery({
    queryKey: ['orders', 'review-queue'],
    queryFn: () => fetchOrders({ status: REVIEW_STATUSES.join(','), sort: 'createdAt', page: 1, pageSize: QUEUE_SIZE }),
    refetchInterval: 60_000,
  });
  const orders = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const index = Math.max(0, orders.findIndex((o) => o.id === selectedId));
  const selected: OrderSummary | undefined = orders[index];
  const choose = (id: number) => {
    cursor.current = movedByUser(id, performance.now());
    setSelectedId(id);
  };
  useLayoutEffect(() => {
    cursor.current = follow(cursor.current, selected?.id ?? null, performance.now());
  }, [selected?.id]);

  const approve = useApiMutation((order: OrderSummary) => approveOrder(order.id), {
    success: (order) => `${order.orderNo} ${t.orders.approved}`,
    onSuccess: () => {
      // keep the cursor on the same position: the next order moves up into it
      setSelectedId(orders[index + 1]?.id ?? orders[index - 1]?.id ?? null);
      void refresh();
    },
  });

  useEffect(() => {
    function approveSelected(order: OrderSummary) {
      const refusal = approvalRefusal(cursor.current, approving.current, performance.now());
      if (refusal) {
        void message.info({ key: 'approval-refused', content: refusal === 'in_flight' ? t.orders.approveInFlight : t.orders.approveUnseen, duration: 2 });
        return;
      }
      approving.current = true;
      approve.mutate(order, {
        onSettled: () => {
          approving.current = false;
        },
      });
    }

    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event) || !orders.length) return;
      const move = (to: number) => choose(orders[Math.min(orders.length - 1, Math.max(0, to))]!.id);
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          move(index + 1);
          break;
        case 'k':
        case 'ArrowUp':
          move(index - 1);
          break;
        case 'a':
          if (selected && can('orders.review')) approveSelected(selected);
          break;
        case 'h':
          if (selected && selected.status !== 'on_hold' && can('orders.hold')) setHolding(selected.id);
          break;
        case 'Enter':
          if (selected) void navigate(`/orders/${selected.id}`);
          break;
        default:
          return;
      }
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [orders, index, selected, approve, can, navigate, message, t]);

  // The deadline and the wait come first: they decide what to work on next.
  const columns: TableColumnsType<OrderSummary> = [
    { title: t.orders.orderNo, dataIndex: 'orderNo', width: 180 },
    { title: t.orders.reviewDue, dataIndex: 'reviewDueAt', width: 190, render: (due: string | null) => <ReviewSla dueAt={due} /> },
    { title: t.orders.waiting, key: 'waiting', width: 130, render: (_, o) => formatDuration(now - new Date(o.paidAt ?? o.createdAt).getTime(), t.common) },
    { title: t.orders.status, dataIndex: 'status', width: 100, render: (s: OrderSummary['status']) => <StatusTag status={s} /> },
    { title: t.orders.flag, dataIndex: 'flag', width: 90, render: (f: OrderSummary['flag']) => <FlagTag flag={f} short /> },
    { title: t.orders.shop, dataIndex: 'shopId', ellipsis: true, render: (id: number) => shops.find((s) => s.id === id)?.name ?? '' },
    { title: t.orders.buyer, key: 'buyer', ellipsis: true, render: (_, o) => [o.buyerNick, o.buyerName].filter(Boolean).join(' / ') },
    { title: t.orders.total, dataIndex: 'total', width: 100, align: 'right', render: formatFen },
  ];

  return (
    <Page title={t.orders.reviewTitle} extra={<Typography.Text type="secondary">{t.orders.oldestFirst}</Typography.Text>}>
      <Alert type="info" showIcon title={t.orders.reviewHelp} style={{ marginBottom: 16 }} />
      <QueryTable
        query={queue}
        rowKey="id"
        columns={columns}
        pagination={false}
        locale={{ emptyText: t.orders.queueEmpty }}
        onRow={(order) => ({
          onClick: () => choose(order.id),
          onDoubleClick: () => void navigate(`/orders/${order.id}`),
          'aria-selected': order.id === selected?.id,
          style: order.id === selected?.id ? { background: '#e6f4ff', outline: '2px solid #1677ff', outlineOffset: -2 } : undefined,
        })}
      />
      <HoldDialog orderId={holding} onClose={() => setHolding(null)} />
    </Page>
  );
}
