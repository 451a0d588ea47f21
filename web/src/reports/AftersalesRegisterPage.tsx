import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseStatus, CaseType } from '../aftersales/api';
import { CaseStatusTag } from '../aftersales/labels';
import { formatTime } from '../app/format';
import { FilterBar } from '../app/FilterBar';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { formatFen } from '../app/money';
import { Page } from '../app/Page';
import { ExportButtons } from './ExportButtons';
import { today } from './registerFilters';
import { exportRegister, fetchAftersalesRegister, type RegisterEntry } from './registersApi';

/** 售后登记: the day's register of every case open on it — opened that day or still open from before — until it closes, the overdue marked. */
export default function AftersalesRegisterPage() {
  const { t } = useI18n();
  const r = t.registers;
  const list = useListParams();
  const filter = { date: list.filters.date ?? today(), type: list.filters.type as CaseType | undefined };
  const register = useQuery({
    queryKey: ['aftersales-register', filter, list.page, list.pageSize],
    queryFn: () => fetchAftersalesRegister({ ...filter, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const labels = { date: r.date, type: r.type };

  const columns: TableColumnsType<RegisterEntry> = [
    { title: r.caseNo, dataIndex: 'caseNo', width: 160, render: (caseNo: string, e) => <Link to={`/aftersales/${e.caseId}`}>{caseNo}</Link> },
    { title: r.openedAt, dataIndex: 'openedAt', width: 140, render: formatTime },
    { title: r.orderNo, dataIndex: 'orderNo', width: 180, render: (orderNo: string, e) => <Link to={`/orders/${e.orderId}`}>{orderNo}</Link> },
    { title: r.shop, dataIndex: 'shopName', width: 140 },
    {
      title: r.type,
      dataIndex: 'type',
      width: 150,
      render: (type: CaseType, e) => (
        <Space size={4} wrap>
          {labelOf(t.aftersales.types, type)}
          {e.noReason && <Tag>{r.noReason}</Tag>}
        </Space>
      ),
    },
    { title: r.reason, dataIndex: 'reason', ellipsis: true },
    { title: r.status, dataIndex: 'status', width: 110, render: (status: string) => <CaseStatusTag status={status as CaseStatus} /> },
    { title: r.owner, dataIndex: 'owner', width: 100 },
    {
      title: r.deadline,
      dataIndex: 'deadline',
      width: 200,
      render: (deadline: string, e) => (
        <Space size={4}>
          {formatTime(deadline)}
          {e.overdue && <Tag color="red">{r.overdue}</Tag>}
        </Space>
      ),
    },
    { title: r.solution, dataIndex: 'solution', width: 100, render: (s: string | null) => (s ? labelOf(t.aftersales.solutions, s) : '') },
    { title: r.refunded, dataIndex: 'refunded', width: 120, align: 'right', render: formatFen },
    { title: r.closedAt, dataIndex: 'closedAt', width: 140, render: formatTime },
  ];

  return (
    <Page title={r.registerTitle} extra={<ExportButtons exportAs={(format) => exportRegister('/api/v1/reports/aftersales-register', filter, format)} labels={labels} />}>
      <Typography.Paragraph type="secondary">{r.registerHint}</Typography.Paragraph>
      <FilterBar
        list={list}
        toForm={(f) => ({ date: dayjs(f.date ?? today()), type: f.type })}
        fromForm={(v) => ({ date: (v.date as Dayjs | null)?.format('YYYY-MM-DD'), type: v.type })}
      >
        <Form.Item name="date" label={r.date}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="type" label={r.type}>
          <Select options={optionsOf(t.aftersales.types)} allowClear placeholder={t.common.all} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListTable list={list} query={register} labels={labels} rowKey="caseId" columns={columns} />
    </Page>
  );
}
