import { Typography } from 'antd';
import { formatDuration } from './format';
import { useI18n } from './i18n';
import { fill } from './locales/zh';
import { useNow } from './useNow';

/** A deadline as a live countdown (剩余 …), amber within `warnWithinMs` of it, red once it has passed (已超时 …). */
export function Countdown({ dueAt, warnWithinMs }: { dueAt: string | null; warnWithinMs: number }) {
  const { t } = useI18n();
  const now = useNow();
  if (!dueAt) return null;
  const left = new Date(dueAt).getTime() - now;
  const time = formatDuration(left, t.common);
  return left >= 0 ? (
    <Typography.Text type={left < warnWithinMs ? 'warning' : undefined}>{fill(t.common.remaining, { time })}</Typography.Text>
  ) : (
    <Typography.Text type="danger" strong>
      {fill(t.common.overdueBy, { time })}
    </Typography.Text>
  );
}
