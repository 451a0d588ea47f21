import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Select, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { rangeToForm } from '../app/dateRange';
import { FilterBar } from '../app/FilterBar';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams, type Filters } from '../app/list';
import { formatFen } from '../app/money';
import { Page } from '../app/Page';
import { ClaimDrawer, ClaimStatusTag } from './ClaimDrawer';
import { fetchClaims, type Carrier, type ClaimKind, type ClaimStatus, type ClaimSummary } from './claimsApi';

const toForm = (filters: Filters) => ({ status: filters.status, carrier: filters.carrier, kind: filters.kind, opened: rangeToForm(filters, 'from', 'to') });
/** The range is of shop days, sent as the dates they are. */
const fromForm = (values: Record<string, unknown>) => {
  const [from, to] = (values.opened as [Dayjs | null, Dayjs | null] | undefined) ?? [null, null];
  return { status: values.status, carrier: values.carrier, kind: values.kind, from: from?.format('YYYY-MM-DD'), to: to?.format('YYYY-MM-DD') };
};

/** 理赔: the claims still waiting for the carrier first, the oldest first, by state, carrier, kind and the day they were opened. */
export default function ClaimsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const c = t.claims;
  const list = useListParams();
  const [openId, setOpenId] = useState<number | null>(null);
  const { status, carrier, kind, from, to } = list.filters;
  const claims = useQuery({
    queryKey: ['carrierClaims', list.query],
    queryFn: () =>
      fetchClaims({ status: status as ClaimStatus | undefined, carrier: carrier as Carrier | undefined, kind: kind as ClaimKind | undefined, from, to, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const undecided = (s: ClaimStatus) => s === 'open' || s === 'submitted';

  const columns: TableColumnsType<ClaimSummary> = [
    { title: c.caseNo, dataIndex: 'caseNo', width: 170, render: (no: string, k) => <Link to={`/aftersales/${k.caseId}`}>{no}</Link> },
    { title: c.orderNo, dataIndex: 'orderNo', width: 180, render: (no: string, k) => <Link to={`/orders/${k.orderId}`}>{no}</Link> },
    { title: c.kind, dataIndex: 'kind', width: 100, render: (v: ClaimKind) => <Tag>{labelOf(c.kinds, v)}</Tag> },
    { title: c.status, dataIndex: 'status', width: 130, render: (v: ClaimStatus) => <ClaimStatusTag status={v} /> },
    { title: c.parcel, key: 'parcel', width: 200, render: (_, k) => `${labelOf(t.carriers, k.carrier)} ${k.trackingNo}` },
    { title: c.claimed, dataIndex: 'claimed', width: 110, align: 'right', render: formatFen },
    { title: c.recovered, dataIndex: 'recovered', width: 110, align: 'right', render: (v: number | null) => (v === null ? '—' : formatFen(v)) },
    { title: c.openedAt, dataIndex: 'openedAt', width: 160, render: formatTime },
    {
      title: t.common.actions,
      key: 'actions',
      width: 90,
      render: (_, k) => (
        <Button type="link" onClick={() => setOpenId(k.id)}>
          {can('aftersales.handle') && undecided(k.status) ? c.handle : c.detail}
        </Button>
      ),
    },
  ];

  return (
    <Page title={c.title}>
      <FilterBar list={list} toForm={toForm} fromForm={fromForm}>
        <Form.Item name="status" label={c.status}>
          <Select options={optionsOf(c.statuses)} allowClear placeholder={t.common.all} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="carrier" label={c.carrier}>
          <Select options={optionsOf(t.carriers)} allowClear placeholder={t.common.all} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="kind" label={c.kind}>
          <Select options={optionsOf(c.kinds)} allowClear placeholder={t.common.all} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="opened" label={c.openedFrom}>
          <DatePicker.RangePicker />
        </Form.Item>
      </FilterBar>
      <ListTable
        list={list}
        query={claims}
        rowKey="id"
        columns={columns}
        onRow={(k) => ({ onDoubleClick: () => setOpenId(k.id) })}
        labels={{ status: c.status, carrier: c.carrier, kind: c.kind, from: c.openedFrom, to: c.openedFrom }}
      />
      <ClaimDrawer id={openId} onClose={() => setOpenId(null)} />
    </Page>
  );
}
