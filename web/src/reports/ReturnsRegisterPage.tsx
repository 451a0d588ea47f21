import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { formatTime } from '../app/format';
import { FilterBar } from '../app/FilterBar';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { Page } from '../app/Page';
import { ExportButtons } from './ExportButtons';
import { dayRange, rangeFromForm, rangeToForm } from './registerFilters';
import { exportRegister, fetchReturnsRegister, type ReturnEntry } from './registersApi';

/** 退货登记表: what the warehouse signed for in the range, a row per SKU received. */
export default function ReturnsRegisterPage() {
  const { t } = useI18n();
  const r = t.registers;
  const list = useListParams();
  const range = dayRange(list.filters);
  const returns = useQuery({
    queryKey: ['returns-register', range, list.page, list.pageSize],
    queryFn: () => fetchReturnsRegister({ ...range, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const labels = { from: r.range, to: r.range };

  const columns: TableColumnsType<ReturnEntry> = [
    { title: r.receivedAt, dataIndex: 'receivedAt', width: 140, render: formatTime },
    { title: r.caseNo, dataIndex: 'caseNo', width: 160, render: (caseNo: string, e) => <Link to={`/aftersales/${e.caseId}`}>{caseNo}</Link> },
    { title: r.orderNo, dataIndex: 'orderNo', width: 180, render: (orderNo: string, e) => <Link to={`/orders/${e.orderId}`}>{orderNo}</Link> },
    { title: r.skuCode, dataIndex: 'skuCode', width: 150 },
    { title: r.product, dataIndex: 'productName' },
    { title: r.spec, dataIndex: 'spec', width: 140 },
    { title: r.quantity, dataIndex: 'quantity', width: 70, align: 'right' },
    { title: r.condition, dataIndex: 'condition', width: 110, render: (c: string) => labelOf(r.conditions, c) },
    { title: r.receivedBy, dataIndex: 'receivedBy', width: 100 },
  ];

  return (
    <Page title={r.returnsTitle} extra={<ExportButtons exportAs={(format) => exportRegister('/api/v1/reports/returns', range, format)} labels={labels} />}>
      <Typography.Paragraph type="secondary">{r.returnsHint}</Typography.Paragraph>
      <FilterBar list={list} toForm={(f) => ({ range: rangeToForm(dayRange(f)) })} fromForm={(v) => rangeFromForm(v.range)}>
        <Form.Item name="range" label={r.range}>
          <DatePicker.RangePicker allowClear={false} />
        </Form.Item>
      </FilterBar>
      <ListTable list={list} query={returns} labels={labels} rowKey="id" columns={columns} />
    </Page>
  );
}
