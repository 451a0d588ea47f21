import { Typography } from 'antd';
import { EventDetail, field, type AuditEvent } from '../app/AuditTimeline';
import { useI18n } from '../app/i18n';
import { regionText } from './divisions';
import { undoNoticeOf } from './undoNotice';

/** The receiver as 改地址 audits it (masked by the server). */
const receiverText = (side: unknown) =>
  `${field(side, 'name') ?? ''} ${field(side, 'phone') ?? ''} ${regionText(field(side, 'province') ?? '', field(side, 'city') ?? '', field(side, 'district') ?? '')} ${field(side, 'detail') ?? ''}`.trim();

/**
 * An order's timeline entry: 改地址 and 改规格 say what they changed, before → after; 撤销审核 whether
 * the buyer's confirmation was withdrawn; every other event as the timeline says it.
 */
export function OrderEventDetail({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  if (event.action === 'order.change_address' || event.action === 'order.change_sku') {
    const text = event.action === 'order.change_address' ? receiverText : (side: unknown) => `${field(side, 'skuCode') ?? ''} ${field(side, 'spec') ?? ''}`;
    return (
      <div>
        <Typography.Text type="secondary">
          {text(event.before)} → {text(event.after)}
        </Typography.Text>
      </div>
    );
  }
  const notice = undoNoticeOf(event);
  return (
    <>
      <EventDetail event={event} statuses={t.orderStatus} />
      {notice && (
        <div>
          <Typography.Text type={notice === 'sent' ? 'warning' : 'secondary'}>{t.orders.undoNotice[notice]}</Typography.Text>
        </div>
      )}
    </>
  );
}
