import { useQuery } from '@tanstack/react-query';
import { Alert, App, Typography } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { useI18n } from '../app/i18n';
import { QueryTable } from '../app/ListTable';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { useApiMutation } from '../app/useApiMutation';
import { useNow } from '../app/useNow';
import { approveOrder, fetchOrders, REVIEW_STATUSES, type OrderListRow } from './api';
import { approvalRefusal, follow, movedByUser, NO_CURSOR, type Cursor } from './approvalGuard';
import { HoldDialog } from './HoldDialog';
import { useRefreshAfterOrderChange } from './refresh';
import { useReviewColumns } from './reviewColumns';
import { useUndoApproval } from './undoApproval';

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
 * 2-hour SLA and why each waits. Workable without the mouse: j/k move, a approves (u takes it back
 * for a few seconds), h holds, Enter opens. The cursor is kept in the URL (`?at=`), so coming back
 * from an order finds it where it was.
 */
export default function ReviewQueuePage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const now = useNow();
  const refresh = useRefreshAfterOrderChange();
  const [params, setParams] = useSearchParams();
  // the state is what the keys act on (at once); the URL follows it, to be found again on coming back
  const [selectedId, setSelectedId] = useState<number | null>(() => Number(params.get('at')) || null);
  const atInUrl = params.get('at');
  useEffect(() => {
    const at = selectedId === null ? null : String(selectedId);
    if (at !== atInUrl) setParams(at === null ? {} : { at }, { replace: true });
  }, [selectedId, atInUrl, setParams]);
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
  const selected: OrderListRow | undefined = orders[index];
  const choose = useCallback(
    (id: number) => {
      cursor.current = movedByUser(id, performance.now());
      setSelectedId(id);
    },
    [],
  );
  const cursorRowId = selected?.id ?? null;
  useLayoutEffect(() => {
    cursor.current = follow(cursor.current, cursorRowId, performance.now());
    if (cursorRowId !== null) document.querySelector(`tr[data-row-key="${cursorRowId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursorRowId]);

  const undo = useUndoApproval((order) => {
    choose(order.id);
    void refresh();
  });
  const approve = useApiMutation((order: OrderListRow) => approveOrder(order.id), {
    onSuccess: (order) => {
      undo.offer(order);
      // keep the cursor on the same position: the next order moves up into it
      setSelectedId(orders[index + 1]?.id ?? orders[index - 1]?.id ?? null);
      void refresh();
    },
  });

  useEffect(() => {
    function approveSelected(order: OrderListRow) {
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
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
      // 撤销 works on an emptied queue too: the approval may have taken its last order
      if (event.key === 'u' && undo.takeBack()) return event.preventDefault();
      if (!orders.length) return;
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
          if (!selected || !can('orders.hold')) return;
          if (selected.status === 'on_hold') {
            const reasons = selected.holdReasons.map((r) => r.message).join('；');
            void message.warning({ key: 'already-held', content: fill(t.orders.alreadyHeld, { orderNo: selected.orderNo, reasons }) });
          } else setHolding(selected.id);
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
  }, [orders, index, selected, choose, approve, undo, can, navigate, message, t]);

  const columns = useReviewColumns(now);

  return (
    <Page title={t.orders.reviewTitle} extra={<Typography.Text type="secondary">{t.orders.oldestFirst}</Typography.Text>}>
      <Alert type="info" showIcon title={t.orders.reviewHelp} style={{ marginBottom: 16 }} />
      <QueryTable
        query={queue}
        rowKey="id"
        columns={columns}
        // the reasons, message and remark need room: the table scrolls sideways on a narrow screen
        scroll={{ x: 'max-content' }}
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
