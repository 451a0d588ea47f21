import { Space, Tag, Typography } from 'antd';
import { Countdown } from '../app/Countdown';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import type { ExceptionKind, LogisticsException } from './api';

const KIND_COLORS: Record<ExceptionKind, string> = { not_picked_up: 'orange', stale: 'gold', returned: 'red', damaged: 'volcano' };
const STATUS_COLORS: Record<LogisticsException['status'], string> = { open: 'red', contacted: 'blue', resolved: 'green' };
/** The countdown turns amber this long before the contact deadline. */
const WARN_WITHIN_MS = 2 * 60 * 60 * 1000;

export function ExceptionKindTag({ kind }: { kind: ExceptionKind }) {
  const { t } = useI18n();
  return <Tag color={KIND_COLORS[kind]}>{labelOf(t.logistics.kinds, kind)}</Tag>;
}

/** Where it stands: 待联系 / 已联系 / 已处理, and 已升级主管 once nobody called in time. */
export function ExceptionState({ exception }: { exception: LogisticsException }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[exception.status]}>{labelOf(t.logistics.statuses, exception.status)}</Tag>
      {exception.escalatedAt && <Tag color="magenta">{t.logistics.escalatedTag}</Tag>}
    </Space>
  );
}

/** The 12 h contact deadline while nobody has called (red once past it); then when the buyer was contacted, or what came of it. */
export function ContactDeadline({ exception }: { exception: LogisticsException }) {
  const { t } = useI18n();
  const l = t.logistics;
  if (exception.status === 'resolved') return <Typography.Text type="success">{fill(l.resolvedAs, { outcome: labelOf(l.outcomes, exception.outcome) })}</Typography.Text>;
  if (exception.status === 'contacted') return <Typography.Text type="secondary">{`${l.contacted} ${formatTime(exception.contactedAt)}`}</Typography.Text>;
  return <Countdown dueAt={exception.contactDueAt} warnWithinMs={WARN_WITHIN_MS} />;
}
