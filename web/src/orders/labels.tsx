import { Tag } from 'antd';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import type { Flag, OrderStatus } from './api';

const STATUS_COLORS: Record<OrderStatus, string> = {
  pending_payment: 'default',
  awaiting_review: 'orange',
  awaiting_fulfillment: 'blue',
  in_fulfillment: 'geekblue',
  shipped: 'cyan',
  delivered: 'green',
  completed: 'green',
  on_hold: 'red',
  cancelled: 'default',
  closed: 'default',
};

/** The flag colours a Taobao seller knows from the seller centre. */
export const FLAG_COLORS: Record<Flag, string> = {
  grey: '#8c8c8c',
  red: '#f5222d',
  green: '#52c41a',
  yellow: '#fadb14',
  blue: '#1677ff',
  purple: '#722ed1',
};

export function StatusTag({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{labelOf(t.orderStatus, status)}</Tag>;
}

/** A flag tag; `short` shows only the colour name ("红旗") with the meaning on hover, for dense lists. */
export function FlagTag({ flag, short = false }: { flag: Flag | null | undefined; short?: boolean }) {
  const { t } = useI18n();
  if (!flag) return null;
  const label = labelOf(t.flags, flag);
  return (
    <Tag color={FLAG_COLORS[flag]} title={label} style={flag === 'yellow' ? { color: '#614700' } : undefined}>
      {short ? label.split(' · ')[0] : label}
    </Tag>
  );
}

/** A flag option for selects: a coloured dot and the flag's meaning. */
export function FlagLabel({ flag }: { flag: Flag }) {
  const { t } = useI18n();
  return (
    <span>
      <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: FLAG_COLORS[flag], marginRight: 6 }} />
      {labelOf(t.flags, flag)}
    </span>
  );
}
