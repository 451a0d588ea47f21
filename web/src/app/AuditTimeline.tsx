import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatTime } from './format';
import { useI18n } from './i18n';
import { labelOf } from './labels';
import { formatFen } from './money';

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

function amountOf(value: unknown): number | undefined {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).amount : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** What changed, in words: a status move (named by `statuses`), an amount (fen, shown in 元) and any reason, note or remark the event carries. */
export function EventDetail({ event, statuses }: { event: AuditEvent; statuses: Record<string, string> }) {
  const { t } = useI18n();
  const from = field(event.before, 'status');
  const to = field(event.after, 'status');
  const amount = amountOf(event.after);
  const followUp = event.action === 'order.follow_up' ? field(event.after, 'kind') : undefined;
  const note =
    field(event.after, 'reason') ?? field(event.after, 'note') ?? field(event.after, 'display') ?? field(event.after, 'content') ?? (followUp && labelOf(t.events.followUps, followUp));
  return (
    <>
      {from && to && from !== to && (
        <div>
          {labelOf(statuses, from)} → {labelOf(statuses, to)}
        </div>
      )}
      {!from && to && <div>{labelOf(statuses, to)}</div>}
      {amount !== undefined && (
        <div>
          {t.events.amount} {formatFen(amount)}
        </div>
      )}
      {note && (
        <div>
          <Typography.Text type="secondary">{note}</Typography.Text>
        </div>
      )}
    </>
  );
}

/**
 * An entity's audit trail: who did what and when, with status moves and reasons in words; `statuses`
 * names the entity's states (an order's by default). An entity whose events carry other fields (an
 * exception's channel and outcome) says them with `detail`.
 */
export function AuditTimeline({ events, statuses, detail }: { events: AuditEvent[]; statuses?: Record<string, string>; detail?: (event: AuditEvent) => ReactNode }) {
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
            {detail ? detail(event) : <EventDetail event={event} statuses={statuses ?? t.orderStatus} />}
          </div>
        ),
      }))}
    />
  );
}
