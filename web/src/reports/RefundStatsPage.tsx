import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Typography, type TableColumnsType } from 'antd';
import { FilterBar } from '../app/FilterBar';
import { useI18n } from '../app/i18n';
import { useListParams } from '../app/list';
import { fill } from '../app/locales/zh';
import { QueryTable } from '../app/ListTable';
import { formatFen } from '../app/money';
import { Page } from '../app/Page';
import { ExportButtons } from './ExportButtons';
import { dayRange, rangeFromForm, rangeToForm } from './registerFilters';
import { exportRegister, fetchRefundStats, type RefundDay } from './registersApi';

/** 每日退款统计: the refunds paid out each day of the range by their reason, with the total. */
export default function RefundStatsPage() {
  const { t } = useI18n();
  const r = t.registers;
  const list = useListParams();
  const range = dayRange(list.filters);
  const stats = useQuery({ queryKey: ['refund-stats', range], queryFn: () => fetchRefundStats(range), placeholderData: (previous) => previous });
  const labels = { from: r.range, to: r.range };

  const columns: TableColumnsType<RefundDay> = [
    { title: r.day, dataIndex: 'day', width: 130 },
    { title: r.refundReason, dataIndex: 'reason' },
    { title: r.refunds, dataIndex: 'refunds', width: 90, align: 'right' },
    { title: r.amount, dataIndex: 'amount', width: 150, align: 'right', render: formatFen },
  ];

  return (
    <Page title={r.refundsTitle} extra={<ExportButtons exportAs={(format) => exportRegister('/api/v1/reports/refunds', range, format)} labels={labels} />}>
      <Typography.Paragraph type="secondary">{r.refundsHint}</Typography.Paragraph>
      <FilterBar list={list} toForm={(f) => ({ range: rangeToForm(dayRange(f)) })} fromForm={(v) => rangeFromForm(v.range)}>
        <Form.Item name="range" label={r.range}>
          <DatePicker.RangePicker allowClear={false} />
        </Form.Item>
      </FilterBar>
      {stats.data && !stats.isError && (
        <Typography.Paragraph data-testid="refund-total">{fill(r.refundsSummary, { n: stats.data.total.refunds, amount: formatFen(stats.data.total.amount) })}</Typography.Paragraph>
      )}
      <QueryTable query={stats} labels={labels} rowKey={(e) => `${e.day}-${e.reason}`} columns={columns} pagination={false} />
    </Page>
  );
}
