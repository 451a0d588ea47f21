import { useQuery } from '@tanstack/react-query';
import { Descriptions, Divider, Drawer, Empty, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { AuditTimeline, field, type AuditEvent } from '../app/AuditTimeline';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { fetchException, fetchExceptionEvents, fetchOrderParcels, type LogisticsException } from './api';
import { ExceptionActions } from './ExceptionActions';
import { ContactDeadline, ExceptionKindTag, ExceptionState } from './exceptionParts';
import { ParcelTimeline } from './ParcelTimeline';

/** One exception opened from the queue: what happened, the parcel's timeline, what was done so far, and the next step. */
export function ExceptionDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const exception = useQuery({ queryKey: ['logisticsException', id], queryFn: () => fetchException(id!), enabled: id !== null });
  const e = exception.data;
  return (
    <Drawer open={id !== null} size={640} title={e ? fill(t.logistics.exceptionTitle, { orderNo: e.orderNo }) : t.logistics.exceptionsTitle} onClose={onClose} data-testid="exception-drawer">
      {exception.isLoading ? <Spin /> : exception.isError ? <LoadError query={exception} /> : e && <ExceptionContent exception={e} />}
    </Drawer>
  );
}

function ExceptionContent({ exception: e }: { exception: LogisticsException }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const l = t.logistics;
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'kind', label: l.kind, children: <ExceptionKindTag kind={e.kind} /> },
          { key: 'detail', label: l.detail, children: e.detail },
          { key: 'orderNo', label: l.orderNo, children: <Link to={`/orders/${e.orderId}`}>{e.orderNo}</Link> },
          { key: 'parcel', label: l.parcelCol, children: `${labelOf(t.carriers, e.carrier)} ${e.trackingNo ?? l.noTrackingNo}` },
          { key: 'status', label: t.common.status, children: <ExceptionState exception={e} /> },
          { key: 'due', label: l.contactDue, children: <ContactDeadline exception={e} /> },
          { key: 'detectedAt', label: l.detectedAt, children: formatTime(e.detectedAt) },
          ...(e.contactedAt
            ? [
                {
                  key: 'contact',
                  label: l.contacted,
                  children: (
                    <>
                      <div>{fill(l.contactedBy, { name: e.contactedByName ?? t.events.system, channel: labelOf(l.channels, e.contactChannel), time: formatTime(e.contactedAt) })}</div>
                      <Typography.Text type="secondary">{e.contactNote}</Typography.Text>
                    </>
                  ),
                },
              ]
            : []),
          ...(e.outcome ? [{ key: 'outcome', label: l.outcome, children: [labelOf(l.outcomes, e.outcome), e.outcomeNote].filter(Boolean).join('：') }] : []),
        ]}
      />
      {can('logistics.handle') && e.status !== 'resolved' && <ExceptionActions exception={e} />}
      <Divider titlePlacement="start">{l.parcel}</Divider>
      <ExceptionParcel exception={e} />
      <Divider titlePlacement="start">{l.history}</Divider>
      <ExceptionHistory id={e.id} />
    </>
  );
}

/** The parcel's timeline as the carrier reported it (the order's parcels are cached for its page too). */
function ExceptionParcel({ exception }: { exception: LogisticsException }) {
  const { t } = useI18n();
  const parcels = useQuery({ queryKey: ['orderParcels', exception.orderId], queryFn: () => fetchOrderParcels(exception.orderId) });
  if (parcels.isLoading) return <Spin />;
  if (parcels.isError) return <LoadError query={parcels} inline />;
  const parcel = parcels.data?.items.find((p) => p.id === exception.parcelId);
  return parcel ? <ParcelTimeline parcel={parcel} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.logistics.noParcels} />;
}

function ExceptionHistory({ id }: { id: number }) {
  const { t } = useI18n();
  const events = useQuery({ queryKey: ['exceptionEvents', id], queryFn: () => fetchExceptionEvents(id) });
  if (events.isLoading) return <Spin />;
  if (events.isError) return <LoadError query={events} inline />;
  if (!events.data?.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.logistics.noHistory} />;
  return (
    <div data-testid="exception-history">
      <AuditTimeline events={events.data.items} detail={(event) => <ExceptionEventDetail event={event} />} />
    </div>
  );
}

/** What an exception's event says: what the carrier reported, how the buyer was reached and what was said, the outcome. */
function ExceptionEventDetail({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  const l = t.logistics;
  const channel = field(event.after, 'channel');
  const outcome = field(event.after, 'outcome');
  const due = event.action === 'logistics_exception.escalate' ? field(event.after, 'contactDueAt') : undefined;
  const lines = [
    field(event.after, 'detail'),
    due && fill(l.contactDueAt, { time: formatTime(due) }),
    channel && labelOf(l.channels, channel),
    outcome && labelOf(l.outcomes, outcome),
    field(event.after, 'note'),
  ].filter(Boolean);
  return lines.map((line) => (
    <div key={line}>
      <Typography.Text type="secondary">{line}</Typography.Text>
    </div>
  ));
}
