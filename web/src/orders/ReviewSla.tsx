import { Typography } from 'antd';
import { formatDuration } from '../app/format';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { useNow } from '../app/useNow';

/** The manual-review deadline as a live countdown; red once it has passed. */
export function ReviewSla({ dueAt }: { dueAt: string | null }) {
  const { t } = useI18n();
  const now = useNow();
  if (!dueAt) return null;
  const left = new Date(dueAt).getTime() - now;
  const time = formatDuration(left, t.common);
  return left >= 0 ? (
    <Typography.Text type={left < 30 * 60_000 ? 'warning' : undefined}>{fill(t.orders.reviewRemaining, { time })}</Typography.Text>
  ) : (
    <Typography.Text type="danger" strong>
      {fill(t.orders.reviewOverdue, { time })}
    </Typography.Text>
  );
}
