import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ActiveTag } from '../app/ActiveTag';
import { useAuth } from '../app/auth';
import { FilterBar } from '../app/FilterBar';
import { FormModal } from '../app/FormModal';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { addBins, createWarehouse, fetchWarehouses, setWalkOrder, updateWarehouse, type Warehouse } from './api';

interface Values {
  code: string;
  name: string;
  bins?: string[];
  /** Cleared: the warehouse weighs packaging by the setting. */
  packagingGrams?: number | null;
}

/**
 * Saves an edit: the name, the bins typed in that the warehouse does not have yet, then the picking
 * route in the order the bins are listed. Bins are never deleted: one taken off the list walks last.
 */
async function saveWarehouse(warehouse: Warehouse, values: Values) {
  const typed = values.bins ?? [];
  const existing = warehouse.bins.map((b) => b.code);
  const added = typed.filter((code) => !existing.includes(code));
  let saved = await updateWarehouse(warehouse.id, { name: values.name, packagingGrams: values.packagingGrams ?? null });
  if (added.length) saved = await addBins(warehouse.id, added);
  const route = [...new Set([...typed, ...existing])];
  const walked = saved.bins.map((b) => b.code);
  return route.some((code, i) => walked[i] !== code) ? setWalkOrder(warehouse.id, route) : saved;
}

/** The bins along the picking route, each with its place on it. */
function BinRoute({ bins }: { bins: Warehouse['bins'] }) {
  return bins.map((b) => (
    <Tag key={b.id}>
      <Typography.Text type="secondary">{b.walkOrder}</Typography.Text> {b.code}
    </Tag>
  ));
}

export default function WarehousesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useListParams();
  const [editing, setEditing] = useState<{ warehouse: Warehouse | null } | null>(null);
  const warehouses = useQuery({
    queryKey: ['warehouses', list.query],
    queryFn: () => fetchWarehouses({ q: list.filters.q, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const warehouse = editing?.warehouse;

  const columns: TableColumnsType<Warehouse> = [
    { title: t.warehouses.code, dataIndex: 'code' },
    { title: t.warehouses.name, dataIndex: 'name' },
    { title: t.warehouses.binRoute, dataIndex: 'bins', render: (bins: Warehouse['bins']) => <BinRoute bins={bins} /> },
    { title: t.warehouses.packagingGrams, dataIndex: 'packagingGrams', render: (grams: number | null) => (grams === null ? t.warehouses.packagingBySetting : fill(t.warehouses.packagingValue, { n: grams })) },
    { title: t.common.status, dataIndex: 'active', render: (active: boolean) => <ActiveTag active={active} /> },
    { title: t.common.createdAt, dataIndex: 'createdAt', render: formatTime },
  ];
  if (can('warehouses.manage')) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      render: (_, row) => (
        <Button type="link" size="small" onClick={() => setEditing({ warehouse: row })}>
          {t.common.edit}
        </Button>
      ),
    });
  }

  return (
    <Page
      title={t.warehouses.title}
      extra={
        can('warehouses.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ warehouse: null })}>
            {t.warehouses.create}
          </Button>
        )
      }
    >
      <FilterBar list={list}>
        <Form.Item name="q">
          <Input placeholder={`${t.warehouses.code} / ${t.warehouses.name}`} allowClear />
        </Form.Item>
      </FilterBar>
      <ListTable
        list={list}
        query={warehouses}
        rowKey="id"
        columns={columns}
      />
      <FormModal<Values>
        open={!!editing}
        title={warehouse ? t.warehouses.edit : t.warehouses.create}
        initialValues={warehouse ? { code: warehouse.code, name: warehouse.name, bins: warehouse.bins.map((b) => b.code), packagingGrams: warehouse.packagingGrams } : undefined}
        submit={(values) => (warehouse ? saveWarehouse(warehouse, values) : createWarehouse(values))}
        success={warehouse ? t.common.saved : t.warehouses.created}
        invalidate={[['warehouses']]}
        // the bins of a new warehouse are sent as `bins`, those added to an existing one as `codes`
        labels={{ code: t.warehouses.code, name: t.warehouses.name, packagingGrams: t.warehouses.packagingGrams, 'bins.*': `${t.warehouses.bins} {n}`, 'codes.*': `${t.warehouses.bins} {n}` }}
        onClose={() => setEditing(null)}
      >
        <Form.Item name="code" label={t.warehouses.code} rules={[{ required: true, message: t.common.required }]}>
          <Input disabled={!!warehouse} />
        </Form.Item>
        <Form.Item name="name" label={t.warehouses.name} rules={[{ required: true, message: t.common.required }]}>
          <Input />
        </Form.Item>
        <Form.Item name="bins" label={t.warehouses.bins} extra={t.warehouses.binsHint}>
          <Select mode="tags" open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="packagingGrams" label={t.warehouses.packagingGrams} extra={t.warehouses.packagingHint}>
          <InputNumber min={0} max={20_000} precision={0} addonAfter={t.warehouses.gramsUnit} style={{ width: 200 }} />
        </Form.Item>
      </FormModal>
    </Page>
  );
}
