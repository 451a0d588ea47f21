import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { FilterBar } from '../app/FilterBar';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { Page } from '../app/Page';
import { fetchExceptions, type ExceptionKind, type ExceptionStatusFilter, type LogisticsException } from './api';
import { ExceptionDrawer } from './ExceptionDrawer';
import { ContactDeadline, ExceptionKindTag, ExceptionState } from './exceptionParts';

type YesNo = 'true' | 'false';

/** 异常件: customer service's queue of parcels in trouble, the contact deadline soonest first (overdue on top). */
export default function ExceptionsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const l = t.logistics;
  const list = useListParams();
  const [openId, setOpenId] = useState<number | null>(null);
  const { status, kind, overdue, escalated, orderNo } = list.filters;
  const exceptions = useQuery({
    queryKey: ['logisticsExceptions', list.query],
    queryFn: () =>
      fetchExceptions({
        status: status as ExceptionStatusFilter | undefined,
        kind: kind as ExceptionKind | undefined,
        overdue: overdue as YesNo | undefined,
        escalated: escalated as YesNo | undefined,
        orderNo,
        page: list.page,
        pageSize: list.pageSize,
      }),
    placeholderData: (previous) => previous,
  });

  const columns: TableColumnsType<LogisticsException> = [
    { title: l.kind, dataIndex: 'kind', render: (k: ExceptionKind) => <ExceptionKindTag kind={k} /> },
    { title: l.orderNo, dataIndex: 'orderNo', render: (no: string, e) => <Link to={`/orders/${e.orderId}`}>{no}</Link> },
    { title: l.parcelCol, key: 'parcel', render: (_, e) => `${labelOf(t.carriers, e.carrier)} ${e.trackingNo ?? l.noTrackingNo}` },
    { title: l.detail, dataIndex: 'detail', ellipsis: true },
    { title: t.common.status, dataIndex: 'status', render: (_, e) => <ExceptionState exception={e} /> },
    { title: l.contactDue, dataIndex: 'contactDueAt', render: (_, e) => <ContactDeadline exception={e} /> },
    { title: l.detectedAt, dataIndex: 'detectedAt', render: formatTime },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, e) => (
        <Button type="link" onClick={() => setOpenId(e.id)}>
          {can('logistics.handle') && e.status !== 'resolved' ? l.handle : t.common.detail}
        </Button>
      ),
    },
  ];

  return (
    <Page title={l.exceptionsTitle}>
      <FilterBar list={list} more={<EscalatedFilter />} moreKeys={['escalated']}>
        <Form.Item name="status" label={t.common.status}>
          <Select options={optionsOf(l.statuses).filter((o) => o.value !== 'active')} allowClear placeholder={l.statuses.active} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="kind" label={l.kind}>
          <Select options={optionsOf(l.kinds)} allowClear placeholder={t.common.all} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="overdue" label={l.overdue}>
          <Select options={optionsOf(l.overdueOptions)} allowClear placeholder={t.common.all} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="orderNo" label={l.orderNo}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
      </FilterBar>
      <ListTable
        list={list}
        query={exceptions}
        rowKey="id"
        columns={columns}
        onRow={(e) => ({ onDoubleClick: () => setOpenId(e.id) })}
        labels={{ status: t.common.status, kind: l.kind, overdue: l.overdue, escalated: l.escalated, orderNo: l.orderNo }}
      />
      <ExceptionDrawer id={openId} onClose={() => setOpenId(null)} />
    </Page>
  );
}

function EscalatedFilter() {
  const { t } = useI18n();
  return (
    <Form.Item name="escalated" label={t.logistics.escalated}>
      <Select options={optionsOf(t.logistics.escalatedOptions)} allowClear placeholder={t.common.all} style={{ width: 140 }} />
    </Form.Item>
  );
}
