import { Form, Select } from 'antd';
import { FormModal } from '../app/FormModal';
import { useI18n } from '../app/i18n';
import { setPickBin, useWarehouseOptions, type StockLevel } from './api';

/** Where pickers take a SKU in one warehouse: one of the warehouse's bins, offered along the picking route. */
export function PickBinDialog({ level, onClose }: { level: StockLevel | null; onClose: () => void }) {
  const { t } = useI18n();
  const { warehouses } = useWarehouseOptions();
  const bins = warehouses.find((w) => w.id === level?.warehouseId)?.bins ?? [];
  return (
    <FormModal<{ binCode?: string }>
      open={!!level}
      title={`${t.inventory.setPickBin} · ${level?.skuCode ?? ''} · ${level?.warehouseName ?? ''}`}
      initialValues={level ? { binCode: level.binCode ?? undefined } : undefined}
      submit={(values) => setPickBin({ warehouseCode: level!.warehouseCode, skuCode: level!.skuCode, binCode: values.binCode ?? null })}
      success={t.inventory.pickBinSaved}
      invalidate={[['levels']]}
      labels={{ binCode: t.inventory.pickBin }}
      onClose={onClose}
    >
      <Form.Item name="binCode" label={t.inventory.pickBin} extra={t.inventory.pickBinHint}>
        <Select showSearch allowClear placeholder={t.inventory.noPickBin} options={bins.map((b) => ({ value: b.code, label: b.code }))} />
      </Form.Item>
    </FormModal>
  );
}
