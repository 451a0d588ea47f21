import { useQuery } from '@tanstack/react-query';
import { Form, Select, type TableColumnsType } from 'antd';
import { FilterBar } from '../app/FilterBar';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { Page } from '../app/Page';
import { fetchDiscrepancies, useWarehouseOptions, type Discrepancy, type DiscrepancyStatus } from './api';

/** 库存差异: bins found short at picking, newest first, for the stock team to count (盘点). */
export default function DiscrepanciesPage() {
  const { t } = useI18n();
  const d = t.inventory.discrepancies;
  const list = useListParams();
  const { warehouses, options: warehouseOptions } = useWarehouseOptions();
  const { warehouseCode, status } = list.filters;
  const discrepancies = useQuery({
    queryKey: ['discrepancies', list.query],
    queryFn: () => fetchDiscrepancies({ warehouseCode, status: status as DiscrepancyStatus | undefined, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const columns: TableColumnsType<Discrepancy> = [
    { title: t.inventory.skuCode, dataIndex: 'skuCode' },
    { title: t.inventory.product, key: 'product', render: (_, r) => `${r.productName} ${r.spec}` },
    { title: t.inventory.warehouse, dataIndex: 'warehouseCode', render: (code: string) => warehouses.find((w) => w.code === code)?.name ?? code },
    { title: d.bin, dataIndex: 'binCode' },
    { title: d.expected, dataIndex: 'expected', align: 'right' },
    { title: d.found, dataIndex: 'found', align: 'right' },
    { title: d.missing, dataIndex: 'missing', align: 'right' },
    { title: t.inventory.onHand, dataIndex: 'onHand', align: 'right' },
    { title: t.common.status, dataIndex: 'status', render: (s: string) => labelOf(d.statuses, s) },
    { title: d.reportedBy, dataIndex: 'reportedByName' },
    { title: d.reportedAt, dataIndex: 'reportedAt', render: formatTime },
  ];
  return (
    <Page title={t.menu.discrepancies}>
      <FilterBar list={list}>
        <Form.Item name="warehouseCode" label={t.inventory.warehouse}>
          <Select options={warehouseOptions} allowClear placeholder={t.common.all} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="status" label={t.common.status}>
          <Select options={optionsOf(d.statuses)} allowClear placeholder={t.common.all} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListTable list={list} query={discrepancies} rowKey="id" columns={columns} labels={{ warehouseCode: t.inventory.warehouse, status: t.common.status }} />
    </Page>
  );
}
