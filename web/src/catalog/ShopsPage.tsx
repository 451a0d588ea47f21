import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ActiveTag } from '../app/ActiveTag';
import { useAuth } from '../app/auth';
import { FilterBar } from '../app/FilterBar';
import { FormModal } from '../app/FormModal';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { Page } from '../app/Page';
import { useWarehouseOptions } from '../inventory/api';
import { createShop, fetchShops, updateShop, type Platform, type Shop, type ShopInput } from './api';

export default function ShopsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useListParams();
  const [editing, setEditing] = useState<{ shop: Shop | null } | null>(null);
  const { warehouses, options: warehouseOptions } = useWarehouseOptions();
  const shops = useQuery({
    queryKey: ['shops', list.query],
    queryFn: () => fetchShops({ q: list.filters.q, platform: list.filters.platform as Platform | undefined, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const warehouseName = (id: number | null) => warehouses.find((w) => w.id === id)?.name ?? '';
  const shop = editing?.shop;

  const columns: TableColumnsType<Shop> = [
    { title: t.shops.code, dataIndex: 'code' },
    { title: t.shops.name, dataIndex: 'name' },
    { title: t.shops.platform, dataIndex: 'platform', render: (p: string) => labelOf(t.platforms, p) },
    { title: t.shops.defaultWarehouse, dataIndex: 'defaultWarehouseId', render: warehouseName },
    { title: t.common.status, dataIndex: 'active', render: (active: boolean) => <ActiveTag active={active} /> },
    { title: t.common.createdAt, dataIndex: 'createdAt', render: formatTime },
  ];
  if (can('shops.manage')) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      render: (_, row) => (
        <Button type="link" size="small" onClick={() => setEditing({ shop: row })}>
          {t.common.edit}
        </Button>
      ),
    });
  }

  return (
    <Page
      title={t.shops.title}
      extra={
        can('shops.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ shop: null })}>
            {t.shops.create}
          </Button>
        )
      }
    >
      <FilterBar list={list}>
        <Form.Item name="q">
          <Input placeholder={`${t.shops.code} / ${t.shops.name}`} allowClear />
        </Form.Item>
        <Form.Item name="platform" label={t.shops.platform}>
          <Select options={optionsOf(t.platforms)} allowClear placeholder={t.common.all} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListTable list={list} query={shops} rowKey="id" columns={columns} />
      <FormModal<ShopInput & { active?: boolean }>
        open={!!editing}
        title={shop ? t.shops.edit : t.shops.create}
        initialValues={shop ? { ...shop, defaultWarehouseCode: warehouses.find((w) => w.id === shop.defaultWarehouseId)?.code } : undefined}
        submit={({ code, ...change }) => (shop ? updateShop(shop.id, change) : createShop({ code, ...change }))}
        success={shop ? t.common.saved : t.shops.created}
        invalidate={[['shops']]}
        labels={{ code: t.shops.code, name: t.shops.name, platform: t.shops.platform, defaultWarehouseCode: t.shops.defaultWarehouse, defaultCarrier: t.shops.defaultCarrier }}
        onClose={() => setEditing(null)}
      >
        <Form.Item name="code" label={t.shops.code} rules={[{ required: true, message: t.common.required }]}>
          <Input disabled={!!shop} />
        </Form.Item>
        <Form.Item name="name" label={t.shops.name} rules={[{ required: true, message: t.common.required }]}>
          <Input />
        </Form.Item>
        <Form.Item name="platform" label={t.shops.platform} rules={[{ required: true, message: t.common.required }]}>
          <Select options={optionsOf(t.platforms)} />
        </Form.Item>
        <Form.Item name="defaultWarehouseCode" label={t.shops.defaultWarehouse}>
          <Select options={warehouseOptions} allowClear />
        </Form.Item>
        <Form.Item name="defaultCarrier" label={t.shops.defaultCarrier}>
          <Select options={optionsOf(t.carriers)} placeholder={t.carriers.ZTO} />
        </Form.Item>
      </FormModal>
    </Page>
  );
}
