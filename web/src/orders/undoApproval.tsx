import { App, Button } from 'antd';
import { useRef } from 'react';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { useApiMutation } from '../app/useApiMutation';
import { undoApproval, type Order } from './api';
import { undoNoticeOf } from './undoNotice';

/** How long the 撤销 toast stays; the server allows a few seconds more, for a click in the last one. */
export const UNDO_SECONDS = 10;

/**
 * 撤销审核 in the review queue: after an approval, a toast with 撤销 (also the `u` key) for
 * UNDO_SECONDS. `takeBack` answers whether there was an approval to take back.
 */
export function useUndoApproval(onUndone: (order: Order) => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const last = useRef<{ id: number; until: number } | null>(null);
  const undo = useApiMutation((id: number) => undoApproval(id), {
    success: (order) => fill(undoNoticeOf(order.events.at(-1)) === 'sent' ? t.orders.undoneNoticeSent : t.orders.undone, { orderNo: order.orderNo }),
    onSuccess: onUndone,
  });

  function takeBack(): boolean {
    const approval = last.current;
    if (!approval || performance.now() > approval.until) return false;
    last.current = null;
    message.destroy(`undo-${approval.id}`);
    undo.mutate(approval.id);
    return true;
  }

  function offer(order: { id: number; orderNo: string }) {
    last.current = { id: order.id, until: performance.now() + UNDO_SECONDS * 1000 };
    void message.success({
      key: `undo-${order.id}`,
      duration: UNDO_SECONDS,
      content: (
        <span>
          {fill(t.orders.approvedUndoable, { orderNo: order.orderNo })}
          <Button type="link" size="small" onClick={() => takeBack()}>
            {t.orders.undo}
          </Button>
        </span>
      ),
    });
  }

  return { offer, takeBack };
}
