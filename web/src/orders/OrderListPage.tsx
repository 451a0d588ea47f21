import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { rangeFromForm, rangeToForm } from '../app/dateRange';
import { useShowError } from '../app/errors';
import { FilterBar } from '../app/FilterBar';
import { useI18n } from '../app/i18n';
import { optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams, type Filters } from '../app/list';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { usePreference } from '../app/preferences';
import { useShopOptions } from '../catalog/api';
import { ExportButtons } from '../reports/ExportButtons';
import { bulkApprove, fetchOrders, REVIEW_STATUSES, type Flag, type OrderListQuery, type OrderListRow, type OrderStatus } from './api';
import { ColumnSettings } from './ColumnSettings';
import { FlagLabel } from './labels';
import { exportOrders, type OrderCounts } from './listApi';
import { arrangeColumns, useOrderColumns, type OrderColumnKey } from './orderColumns';
import { StatusTabs, tabCount, useOrderCounts } from './StatusTabs';
import { useRefreshAfterOrderChange } from './refresh';
import { SearchHint } from './SearchHint';

/** antd's row selection column at size middle. */
const SELECTION_WIDTH = 32;

/** URL ⇄ form: the two date params become one range picker value, the status list a multi-select. */
function toForm(filters: Filters) {
  const { createdFrom, createdTo, shipByFrom, shipByTo, status, ...rest } = filters;
  return {
    ...rest,
    status: status ? status.split(',') : undefined,
    created: rangeToForm(filters, 'createdFrom', 'createdTo'),
    shipBy: rangeToForm(filters, 'shipByFrom', 'shipByTo'),
  };
}

function fromForm(values: Record<string, unknown>) {
  const { created, shipBy, ...rest } = values;
  return { ...rest, ...rangeFromForm(created, 'createdFrom', 'createdTo'), ...rangeFromForm(shipBy, 'shipByFrom', 'shipByTo', { wholeDays: false }) };
}

/**
 * The total of a search's full page, which the list leaves to the tabs' one count: the tab's, else
 * (a broad search under a status) at least the pages seen and one more while there is a next.
 */
function searchTotal(counts: OrderCounts | undefined, filters: Filters, seen: { page: number; pageSize: number; nextCursor: string | null }) {
  const status = filters.status?.includes(',') ? null : (filters.status as OrderStatus | undefined);
  const counted = counts && status !== null ? tabCount(counts, true, status) : undefined;
  return counted ?? { count: seen.page * seen.pageSize + (seen.nextCursor ? 1 : 0), capped: seen.nextCursor !== null };
}

/** "SO…（reason）" for each order the bulk approval refused. */
async function approveAll(orders: OrderListRow[]): Promise<string[]> {
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
  const [selected, setSelected] = useState<OrderListRow[]>([]);
  const canReview = can('orders.review');
  const filterLabels = {
    q: t.common.search,
    shopCode: t.orders.shop,
    status: t.orders.status,
    flag: t.orders.flag,
    createdFrom: t.orders.createdRange,
    createdTo: t.orders.createdRange,
    shipByFrom: t.orders.shipByRange,
    shipByTo: t.orders.shipByRange,
    skuCode: t.orders.skuCode,
    phone: t.orders.phone,
    nick: t.orders.nick,
    orderNo: t.orders.orderNo,
  };

  const columnPreference = usePreference('orders.listColumns', t.orderList.columnsSaved);
  const orders = useQuery({
    queryKey: ['orders', list.query],
    queryFn: () => fetchOrders({ ...list.filters, flag: list.filters.flag as Flag | undefined, sort: list.sort as OrderListQuery['sort'], page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const counts = useOrderCounts(list.filters);
  const total = orders.data && orders.data.total === null ? searchTotal(counts.data, list.filters, orders.data) : undefined;

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

  const columnsByKey = useOrderColumns(list, (id) => shops.find((s) => s.id === id)?.name ?? '');
  const columnTitles = Object.fromEntries(Object.entries(columnsByKey).map(([key, c]) => [key, c.title])) as Record<OrderColumnKey, string>;
  const chosen = arrangeColumns(columnPreference.value);
  const columns = chosen.filter((c) => c.visible).map((c) => ({ ...columnsByKey[c.key], key: c.key }));

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
        moreKeys={['createdFrom', 'createdTo', 'shipByFrom', 'shipByTo', 'skuCode', 'phone', 'nick', 'orderNo']}
        more={
          <>
            <Form.Item name="created" label={t.orders.createdRange}>
              <DatePicker.RangePicker allowEmpty={[true, true]} />
            </Form.Item>
            <Form.Item name="shipBy" label={t.orders.shipByRange}>
              <DatePicker.RangePicker allowEmpty={[true, true]} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
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
      <StatusTabs list={list} />
      <Space style={{ marginBottom: 12 }}>
        {canReview && (
          <Button disabled={!selected.length} onClick={confirmBulkApprove}>
            {t.orders.bulkApprove}
            {selected.length ? ` (${selected.length})` : ''}
          </Button>
        )}
        <ColumnSettings columns={chosen} titles={columnTitles} saving={columnPreference.save.isPending} onSave={(value) => columnPreference.save.mutateAsync(value)} />
        <ExportButtons exportAs={(format) => exportOrders({ ...list.filters, flag: list.filters.flag as Flag | undefined, sort: list.sort as OrderListQuery['sort'] }, format)} labels={filterLabels} />
      </Space>
      <ListTable
        list={list}
        query={orders}
        total={total}
        labels={filterLabels}
        rowKey="id"
        columns={columns}
        size="middle"
        scroll={{ x: columns.reduce((sum, c) => sum + c.width, SELECTION_WIDTH) }}
        locale={orders.data?.searchedAs && list.filters.q ? { emptyText: <SearchHint q={list.filters.q} searchedAs={orders.data.searchedAs} /> } : undefined}
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
