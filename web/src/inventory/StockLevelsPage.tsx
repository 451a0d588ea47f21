import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, InputNumber, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAuth } from '../app/auth';
import { FilterBar } from '../app/FilterBar';
import { FormModal } from '../app/FormModal';
import { useI18n } from '../app/i18n';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { Page } from '../app/Page';
import { adjustStock, fetchLevels, useWarehouseOptions, type AdjustmentInput, type StockLevel } from './api';
import { MovementsDrawer } from './MovementsDrawer';
import { PickBinDialog } from './PickBinDialog';

const isLow = (level: StockLevel) => level.safetyStock !== null && level.available < level.safetyStock;

export default function StockLevelsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useListParams();
  const { options: warehouseOptions } = useWarehouseOptions();
  const [movementsOf, setMovementsOf] = useState<StockLevel | null>(null);
  const [adjusting, setAdjusting] = useState<StockLevel | null>(null);
  const [placing, setPlacing] = useState<StockLevel | null>(null);
  const levels = useQuery({
    queryKey: ['levels', list.query],
    queryFn: () =>
      fetchLevels({
        q: list.filters.q,
        warehouseCode: list.filters.warehouseCode,
        lowStock: list.filters.lowStock === 'true' ? 'true' : undefined,
        page: list.page,
        pageSize: list.pageSize,
      }),
    placeholderData: (previous) => previous,
  });

  const columns: TableColumnsType<StockLevel> = [
    { title: t.inventory.skuCode, dataIndex: 'skuCode' },
    { title: t.inventory.product, key: 'product', render: (_, l) => `${l.productName}${l.spec ? ` ${l.spec}` : ''}` },
    { title: t.inventory.warehouse, dataIndex: 'warehouseName' },
    { title: t.inventory.pickBin, dataIndex: 'binCode' },
    { title: t.inventory.onHand, dataIndex: 'onHand', align: 'right' },
    { title: t.inventory.reserved, dataIndex: 'reserved', align: 'right' },
    {
      title: t.inventory.available,
      dataIndex: 'available',
      align: 'right',
      render: (available: number, level) => (
        <Space>
          {available}
          {isLow(level) && <Tag color="red">{t.inventory.belowSafety}</Tag>}
        </Space>
      ),
    },
    { title: t.products.safetyStock, dataIndex: 'safetyStock', align: 'right' },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, level) => (
        <Space>
          <Button type="link" size="small" onClick={() => setMovementsOf(level)}>
            {t.inventory.movements}
          </Button>
          {can('inventory.receive') && (
            <Button type="link" size="small" onClick={() => setPlacing(level)}>
              {t.inventory.setPickBin}
            </Button>
          )}
          {can('inventory.adjust') && (
            <Button type="link" size="small" onClick={() => setAdjusting(level)}>
              {t.inventory.adjust}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Page title={t.inventory.levelsTitle}>
      <FilterBar list={list}>
        <Form.Item name="q">
          <Input placeholder={t.products.searchPlaceholder} allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="warehouseCode" label={t.inventory.warehouse}>
          <Select options={warehouseOptions} allowClear placeholder={t.common.all} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="lowStock" valuePropName="checked" getValueProps={(v) => ({ checked: v === 'true' || v === true })}>
          <Checkbox>{t.inventory.belowSafety}</Checkbox>
        </Form.Item>
      </FilterBar>
      <ListTable
        list={list}
        query={levels}
        rowKey={(l) => `${l.skuId}-${l.warehouseId}`}
        columns={columns}
      />
      <MovementsDrawer target={movementsOf} onClose={() => setMovementsOf(null)} />
      <PickBinDialog level={placing} onClose={() => setPlacing(null)} />
      <FormModal<AdjustmentInput>
        open={!!adjusting}
        title={`${t.inventory.adjust} · ${adjusting?.skuCode ?? ''} · ${adjusting?.warehouseName ?? ''}`}
        submit={(values) => adjustStock({ ...values, skuCode: adjusting!.skuCode, warehouseCode: adjusting!.warehouseCode })}
        success={t.inventory.adjusted}
        invalidate={[['levels'], ['movements']]}
        labels={{ delta: t.inventory.adjustQuantity, reason: t.inventory.adjustReason }}
        onClose={() => setAdjusting(null)}
      >
        <Form.Item name="delta" label={t.inventory.adjustQuantity} rules={[{ required: true, message: t.common.required }]}>
          <InputNumber precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="reason" label={t.inventory.adjustReason} rules={[{ required: true, message: t.common.required }]}>
          <Input />
        </Form.Item>
      </FormModal>
    </Page>
  );
}
