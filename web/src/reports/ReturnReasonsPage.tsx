import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Progress, Radio, Typography, type TableColumnsType } from 'antd';
import { FilterBar } from '../app/FilterBar';
import { useI18n } from '../app/i18n';
import { useListParams } from '../app/list';
import { fill } from '../app/locales/zh';
import { QueryTable } from '../app/ListTable';
import { Page } from '../app/Page';
import { ExportButtons } from './ExportButtons';
import { dayRange, rangeFromForm, rangeToForm } from './registerFilters';
import { exportRegister, fetchReturnReasons, type ReasonEntry } from './registersApi';

/** The summary opens on the last 12 weeks: enough periods to compare. */
const DEFAULT_DAYS = 84;
type GroupBy = 'week' | 'month';

/** 退货原因汇总表: return and exchange reasons by week or month, most frequent first, with their share of the period. */
export default function ReturnReasonsPage() {
  const { t } = useI18n();
  const r = t.registers;
  const list = useListParams();
  const groupBy: GroupBy = list.filters.groupBy === 'month' ? 'month' : 'week';
  const filter = { ...dayRange(list.filters, DEFAULT_DAYS), groupBy };
  const reasons = useQuery({ queryKey: ['return-reasons', filter], queryFn: () => fetchReturnReasons(filter), placeholderData: (previous) => previous });
  const labels = { from: r.range, to: r.range, groupBy: r.groupBy };
  // 2026-W05 → 2026 年第 5 周; a month (2026-02) reads as it is
  const periodText = (period: string) => {
    const week = /^(\d{4})-W(\d{2})$/.exec(period);
    return week ? fill(r.weekOf, { year: week[1]!, week: Number(week[2]) }) : period;
  };

  const columns: TableColumnsType<ReasonEntry> = [
    { title: groupBy === 'month' ? r.month : r.week, dataIndex: 'period', width: 160, render: periodText },
    { title: r.returnReason, dataIndex: 'reason' },
    { title: r.cases, dataIndex: 'cases', width: 90, align: 'right' },
    { title: r.share, dataIndex: 'share', width: 240, render: (share: number) => <Progress percent={Math.round(share * 1000) / 10} format={(p) => `${p?.toFixed(1)}%`} size="small" /> },
  ];

  return (
    <Page title={r.reasonsTitle} extra={<ExportButtons exportAs={(format) => exportRegister('/api/v1/reports/return-reasons', filter, format)} labels={labels} />}>
      <Typography.Paragraph type="secondary">{r.reasonsHint}</Typography.Paragraph>
      <FilterBar
        list={list}
        toForm={(f) => ({ range: rangeToForm(dayRange(f, DEFAULT_DAYS)), groupBy: f.groupBy === 'month' ? 'month' : 'week' })}
        fromForm={(v) => ({ ...rangeFromForm(v.range), groupBy: v.groupBy })}
      >
        <Form.Item name="groupBy" label={r.groupBy}>
          <Radio.Group optionType="button" options={(['week', 'month'] as const).map((value) => ({ value, label: r.groupByOptions[value] }))} />
        </Form.Item>
        <Form.Item name="range" label={r.range}>
          <DatePicker.RangePicker allowClear={false} />
        </Form.Item>
      </FilterBar>
      <QueryTable query={reasons} labels={labels} rowKey={(e) => `${e.period}-${e.reason}`} columns={columns} pagination={false} />
    </Page>
  );
}
