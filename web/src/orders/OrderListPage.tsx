import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Select, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { rangeFromForm, rangeToForm } from '../app/dateRange';
import { useShowError } from '../app/errors';
import { FilterBar } from '../app/FilterBar';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams, type Filters } from '../app/list';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { Page } from '../app/Page';
import { useShopOptions } from '../catalog/api';
import { bulkApprove, fetchOrders, REVIEW_STATUSES, type Flag, type OrderListQuery, type OrderSummary } from './api';
import { regionText } from './divisions';
import { FlagLabel, FlagTag, StatusTag } from './labels';
import { useRefreshAfterOrderChange } from './OrderActions';

/** URL ⇄ form: the two date params become one range picker value, the status list a multi-select. */
function toForm(filters: Filters) {
  const { createdFrom, createdTo, status, ...rest } = filters;
  return { ...rest, status: status ? status.split(',') : undefined, created: rangeToForm(filters, 'createdFrom', 'createdTo') };
}

function fromForm(values: Record<string, unknown>) {
  const { created, ...rest } = values;
  return { ...rest, ...rangeFromForm(created, 'createdFrom', 'createdTo') };
}

/** "SO…（reason）" for each order the bulk approval refused. */
async function approveAll(orders: OrderSummary[]): Promise<string[]> {
  const { items } = await bulkApprove(orders.map((o) => o.id));
  const orderNo = new Map(orders.map((o) => [o.id, o.orderNo]));
  return items.filter((r) => !r.ok).map((r) => `${orderNo.get(r.id) ?? r.id}（${r.error?.message ?? ''}）`);
}

export default function OrderListPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const list = useListParams({ sort: '-createdAt' });
  const { shops, options: shopOptions } = useShopOptions();
  const refresh = useRefreshAfterOrderChange();
  const showError = useShowError();
  const [selected, setSelected] = useState<OrderSummary[]>([]);
  const canReview = can('orders.review');

  const orders = useQuery({
    queryKey: ['orders', list.query],
    queryFn: () => fetchOrders({ ...list.filters, flag: list.filters.flag as Flag | undefined, sort: list.sort as OrderListQuery['sort'], page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });

  function confirmBulkApprove() {
    modal.confirm({
      title: fill(t.orders.bulkApproveConfirm, { n: selected.length }),
      okText: t.orders.approve,
      cancelText: t.common.cancel,
      onOk: async () => {
        const failures = await approveAll(selected).catch((err: unknown) => {
          showError(err);
          return null;
        });
        if (!failures) return;
        const ok = selected.length - failures.length;
        if (ok) void message.success(fill(t.orders.bulkApproved, { ok }));
        if (failures.length) void message.error(fill(t.orders.bulkApproveFailed, { n: failures.length, reasons: failures.join('；') }), 8);
        setSelected([]);
        await refresh();
      },
    });
  }

  const columns: TableColumnsType<OrderSummary> = [
    { title: t.orders.orderNo, dataIndex: 'orderNo', width: 180, render: (no: string, o) => <Link to={`/orders/${o.id}`}>{no}</Link> },
    { title: t.orders.shop, dataIndex: 'shopId', ellipsis: true, render: (id: number) => shops.find((s) => s.id === id)?.name ?? '' },
    { title: t.orders.status, dataIndex: 'status', width: 100, render: (s: OrderSummary['status']) => <StatusTag status={s} /> },
    { title: t.orders.flag, dataIndex: 'flag', width: 90, render: (f: Flag | null) => <FlagTag flag={f} short /> },
    { title: t.orders.buyer, key: 'buyer', ellipsis: true, render: (_, o) => [o.buyerNick, o.buyerName, o.buyerPhone].filter(Boolean).join(' / ') },
    { title: t.orders.address, key: 'region', ellipsis: true, render: (_, o) => regionText(o.province, o.city, o.district) },
    { title: t.orders.total, dataIndex: 'total', width: 120, align: 'right', ...list.sortable('total'), render: formatFen },
    { title: t.orders.createdAt, dataIndex: 'createdAt', width: 160, ...list.sortable('createdAt'), render: formatTime },
  ];

  return (
    <Page
      title={t.orders.listTitle}
      extra={
        can('orders.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orders/new')}>
            {t.menu.newOrder}
          </Button>
        )
      }
    >
      <FilterBar
        list={list}
        toForm={toForm}
        fromForm={fromForm}
        moreKeys={['createdFrom', 'createdTo', 'skuCode', 'phone', 'nick', 'orderNo']}
        more={
          <>
            <Form.Item name="created" label={t.orders.createdRange}>
              <DatePicker.RangePicker allowEmpty={[true, true]} />
            </Form.Item>
            <Form.Item name="skuCode" label={t.orders.skuCode}>
              <Input allowClear style={{ width: 140 }} />
            </Form.Item>
            {can('customers.read') && (
              <Form.Item name="phone" label={t.orders.phone}>
                <Input allowClear style={{ width: 140 }} />
              </Form.Item>
            )}
            <Form.Item name="nick" label={t.orders.nick}>
              <Input allowClear style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="orderNo" label={t.orders.orderNo}>
              <Input allowClear style={{ width: 180 }} />
            </Form.Item>
          </>
        }
      >
        <Form.Item name="q">
          <Input prefix={<SearchOutlined />} placeholder={can('customers.read') ? t.orders.searchPlaceholder : t.orders.searchPlaceholderNoPhone} allowClear style={{ width: 300 }} />
        </Form.Item>
        <Form.Item name="shopCode" label={t.orders.shop}>
          <Select options={shopOptions} allowClear placeholder={t.common.all} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="status" label={t.orders.status}>
          <Select mode="multiple" options={optionsOf(t.orderStatus)} allowClear placeholder={t.common.all} style={{ minWidth: 180 }} />
        </Form.Item>
        <Form.Item name="flag" label={t.orders.flag}>
          <Select
            options={(Object.keys(t.flags) as Flag[]).map((f) => ({ value: f, label: <FlagLabel flag={f} />, title: t.flags[f] }))}
            allowClear
            placeholder={t.common.all}
            style={{ width: 220 }}
          />
        </Form.Item>
      </FilterBar>
      {canReview && (
        <Space style={{ marginBottom: 12 }}>
          <Button disabled={!selected.length} onClick={confirmBulkApprove}>
            {t.orders.bulkApprove}
            {selected.length ? ` (${selected.length})` : ''}
          </Button>
        </Space>
      )}
      <ListTable
        list={list}
        query={orders}
        labels={{
          q: t.common.search,
          shopCode: t.orders.shop,
          status: t.orders.status,
          flag: t.orders.flag,
          createdFrom: t.orders.createdRange,
          createdTo: t.orders.createdRange,
          skuCode: t.orders.skuCode,
          phone: t.orders.phone,
          nick: t.orders.nick,
          orderNo: t.orders.orderNo,
        }}
        rowKey="id"
        columns={columns}
        rowSelection={
          canReview
            ? {
                selectedRowKeys: selected.map((o) => o.id),
                onChange: (_, rows) => setSelected(rows),
                getCheckboxProps: (o) => ({ disabled: !REVIEW_STATUSES.includes(o.status), 'aria-label': o.orderNo }),
              }
            : undefined
        }
      />
    </Page>
  );
}
