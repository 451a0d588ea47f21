import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Select, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { rangeFromForm, rangeToForm } from '../app/dateRange';
import { FilterBar } from '../app/FilterBar';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { ListTable } from '../app/ListTable';
import { useListParams, type Filters } from '../app/list';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { Page } from '../app/Page';
import { useShopOptions } from '../catalog/api';
import { exportUnpaidRegister, fetchUnpaidRegister, type UnpaidEntry } from './api';
import { ExportButtons } from './ExportButtons';

const toForm = (filters: Filters) => ({ shopCode: filters.shopCode, closed: rangeToForm(filters, 'closedFrom', 'closedTo') });
const fromForm = (values: Record<string, unknown>) => ({ shopCode: values.shopCode, ...rangeFromForm(values.closed, 'closedFrom', 'closedTo') });

/** 未付款明细表: the orders that closed unpaid, which CS follow up after the reminders failed. */
export default function UnpaidRegisterPage() {
  const { t } = useI18n();
  const list = useListParams();
  const { options: shopOptions } = useShopOptions();
  const filter = { shopCode: list.filters.shopCode, closedFrom: list.filters.closedFrom, closedTo: list.filters.closedTo };
  const register = useQuery({
    queryKey: ['unpaid-register', list.query],
    queryFn: () => fetchUnpaidRegister({ ...filter, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const columns: TableColumnsType<UnpaidEntry> = [
    { title: t.reports.orderNo, dataIndex: 'orderNo', render: (orderNo: string, e) => <Link to={`/orders/${e.orderId}`}>{orderNo}</Link> },
    { title: t.reports.shop, dataIndex: 'shopName' },
    { title: t.reports.buyerNick, dataIndex: 'buyerNick' },
    { title: t.reports.total, dataIndex: 'total', align: 'right', render: (fen: number) => formatFen(fen) },
    { title: t.reports.orderCreatedAt, dataIndex: 'orderCreatedAt', render: formatTime },
    { title: t.reports.closedAt, dataIndex: 'closedAt', render: formatTime },
    { title: t.reports.reason, dataIndex: 'reason' },
  ];

  return (
    <Page
      title={t.reports.unpaidTitle}
      extra={<ExportButtons exportAs={(format) => exportUnpaidRegister(filter, format)} labels={{ shopCode: t.reports.shop, closedFrom: t.reports.closed, closedTo: t.reports.closed }} />}
    >
      <Typography.Paragraph type="secondary">{t.reports.unpaidHint}</Typography.Paragraph>
      <FilterBar list={list} toForm={toForm} fromForm={fromForm}>
        <Form.Item name="shopCode" label={t.reports.shop}>
          <Select options={shopOptions} allowClear placeholder={t.common.all} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="closed" label={t.reports.closed}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
      </FilterBar>
      {register.data && !register.isError && (
        <Typography.Paragraph data-testid="unpaid-summary">
          {fill(t.reports.summary, { n: register.data.total, amount: formatFen(register.data.amount) })}
        </Typography.Paragraph>
      )}
      <ListTable
        list={list}
        query={register}
        rowKey="orderId"
        columns={columns}
      />
    </Page>
  );
}
