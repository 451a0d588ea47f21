import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatTime } from './format';
import { useI18n } from './i18n';
import { labelOf } from './labels';

/** An audit event as every `.../events` endpoint and the order detail return it. */
export interface AuditEvent {
  id: number;
  at: string;
  actorName: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** A text field of an event's `before` or `after`, if it has one. */
export function field(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

/** What changed, in words: an order's status move and any reason or remark the event carries. */
function EventDetail({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  const from = field(event.before, 'status');
  const to = field(event.after, 'status');
  const followUp = event.action === 'order.follow_up' ? field(event.after, 'kind') : undefined;
  const note = field(event.after, 'reason') ?? field(event.after, 'display') ?? field(event.after, 'content') ?? (followUp && labelOf(t.events.followUps, followUp));
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

/**
 * An entity's audit trail: who did what and when, with status moves and reasons in words. An entity
 * whose events carry other fields (an exception's channel and outcome) says them with `detail`.
 */
export function AuditTimeline({ events, detail = (event) => <EventDetail event={event} /> }: { events: AuditEvent[]; detail?: (event: AuditEvent) => ReactNode }) {
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
            {detail(event)}
          </div>
        ),
      }))}
    />
  );
}
