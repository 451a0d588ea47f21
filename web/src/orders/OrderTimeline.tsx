import { Timeline, Typography } from 'antd';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import type { Order } from './api';

type Event = Order['events'][number];

function field(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

/** What changed, in words: the status move and any reason or remark the event carries. */
function EventDetail({ event }: { event: Event }) {
  const { t } = useI18n();
  const from = field(event.before, 'status');
  const to = field(event.after, 'status');
  const note = field(event.after, 'reason') ?? field(event.after, 'display') ?? field(event.after, 'content');
  return (
    <>
      {from && to && from !== to && (
        <div>
          {labelOf(t.orderStatus, from)} → {labelOf(t.orderStatus, to)}
        </div>
      )}
      {!from && to && <div>{labelOf(t.orderStatus, to)}</div>}
      {note && (
        <div>
          <Typography.Text type="secondary">{note}</Typography.Text>
        </div>
      )}
    </>
  );
}

/** The order's audit trail, oldest first: who did what and when. */
export function OrderTimeline({ events }: { events: Event[] }) {
  const { t } = useI18n();
  return (
    <Timeline
      items={events.map((event) => ({
        key: event.id,
        title: formatTime(event.at),
        content: (
          <div>
            <Typography.Text strong>{labelOf(t.eventActions, event.action)}</Typography.Text>
            <Typography.Text type="secondary"> · {event.actorName || t.events.system}</Typography.Text>
            <EventDetail event={event} />
          </div>
        ),
      }))}
    />
  );
}
