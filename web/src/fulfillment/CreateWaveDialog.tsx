import { Alert, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { blankToUndefined } from '../app/format';
import { FormModal } from '../app/FormModal';
import { useI18n } from '../app/i18n';
import { optionsOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import { useShopOptions } from '../catalog/api';
import { useWarehouseOptions } from '../inventory/api';
import { createWave, type WaveDetail, type WaveInput } from './api';

/** The server's limit and default on orders per wave (model.ts MAX_WAVE_ORDERS). */
const MAX_WAVE_ORDERS = 5000;
const DEFAULT_WAVE_ORDERS = 200;

type Values = Omit<WaveInput, 'filter'> & { filter?: Omit<NonNullable<WaveInput['filter']>, 'shipByBefore'> & { shipByBefore?: Dayjs | null } };

const toInput = ({ filter = {}, ...wave }: Values): WaveInput => {
  const { shipByBefore, ...rest } = filter;
  return { ...wave, filter: { ...rest, ...(shipByBefore && { shipByBefore: shipByBefore.toISOString() }) } };
};

interface Props {
  open: boolean;
  /** The warehouse the list is filtered by, if any: the dialog starts with it. */
  warehouseCode?: string;
  onClose: () => void;
  onCreated: (wave: WaveDetail) => void;
}

/** 创建波次: a warehouse, a kind and the conditions its approved orders are taken by. */
export function CreateWaveDialog({ open, warehouseCode, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const { options: warehouseOptions } = useWarehouseOptions();
  const { options: shopOptions } = useShopOptions();
  const w = t.waves;
  return (
    <FormModal<Values, WaveDetail>
      open={open}
      title={w.create}
      initialValues={{ warehouseCode, kind: 'multi', maxOrders: DEFAULT_WAVE_ORDERS }}
      submit={(values) => createWave(toInput(values))}
      success={(wave) => fill(w.created, { waveNo: wave.waveNo, n: wave.orderCount })}
      invalidate={[['waves']]}
      labels={{
        warehouseCode: w.warehouse,
        kind: w.kind,
        maxOrders: w.maxOrders,
        'filter.shopCode': w.shop,
        'filter.carrier': w.carrier,
        'filter.skuCode': w.skuCode,
        'filter.shipByBefore': w.shipByBefore,
      }}
      onClose={onClose}
      onSaved={onCreated}
    >
      <Alert type="info" showIcon title={w.createHint} style={{ marginBottom: 16 }} />
      <Form.Item name="warehouseCode" label={w.warehouse} rules={[{ required: true, message: t.common.required }]}>
        <Select options={warehouseOptions} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="kind" label={w.kind} rules={[{ required: true, message: t.common.required }]}>
        <Radio.Group options={optionsOf(w.kinds)} optionType="button" />
      </Form.Item>
      <Form.Item name="maxOrders" label={w.maxOrders} rules={[{ required: true, message: t.common.required }]}>
        <InputNumber min={1} max={MAX_WAVE_ORDERS} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name={['filter', 'shopCode']} label={w.shop}>
        <Select options={shopOptions} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={w.anyShop} />
      </Form.Item>
      <Form.Item name={['filter', 'carrier']} label={w.carrier}>
        <Select options={optionsOf(t.carriers)} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={w.anyCarrier} />
      </Form.Item>
      <Form.Item name={['filter', 'skuCode']} label={w.skuCode} normalize={blankToUndefined}>
        <Input maxLength={64} placeholder={w.skuCodeHint} allowClear />
      </Form.Item>
      <Form.Item name={['filter', 'shipByBefore']} label={w.shipByBefore}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
    </FormModal>
  );
}
