import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Modal, Select, Spin } from 'antd';
import { useI18n } from '../app/i18n';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { useApiMutation } from '../app/useApiMutation';
import { changeSku, fetchSkuOptions, type Order } from './api';
import { useRefreshAfterOrderChange } from './refresh';

type Line = Order['items'][number];

/** 改规格 of one line: the product's other specs with what the order's warehouse has; one short of the line's quantity cannot be chosen. */
export function SkuChangeDialog({ order, line, onClose }: { order: Order; line: Line; onClose: () => void }) {
  const { t } = useI18n();
  const e = t.orderEdits;
  const [form] = Form.useForm<{ skuCode: string }>();
  const refresh = useRefreshAfterOrderChange();
  const options = useQuery({ queryKey: ['sku-options', order.id, line.id], queryFn: () => fetchSkuOptions(order.id, line.id) });
  const save = useApiMutation(({ skuCode }: { skuCode: string }) => changeSku(order.id, line.id, skuCode), {
    success: e.skuChanged,
    form,
    labels: { skuCode: e.newSpec },
    onSuccess: () => {
      void refresh();
      onClose();
    },
  });
  const choices = (options.data?.items ?? []).map((o) => ({
    value: o.skuCode,
    title: o.skuCode,
    label: fill(e.skuOption, { code: o.skuCode, spec: o.spec, available: o.available }) + (o.current ? e.skuCurrent : o.onSale ? '' : e.skuOffSale),
    disabled: o.current || !o.onSale || o.available < line.quantity,
  }));
  return (
    <Modal open title={fill(e.changeSkuTitle, { product: line.productName })} okText={e.changeSku} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Alert type="info" showIcon title={fill(e.keepsPrice, { price: formatFen(line.unitPrice) })} style={{ marginBottom: 16 }} />
      {options.isError ? (
        <LoadError query={options} inline />
      ) : (
        <Form form={form} name="change-sku" layout="vertical" onFinish={(values) => save.mutate(values)}>
          <Form.Item label={e.currentSpec}>{`${line.skuCode} · ${line.spec} × ${line.quantity}`}</Form.Item>
          <Form.Item name="skuCode" label={e.newSpec} rules={[{ required: true, message: t.common.required }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} autoFocus options={choices} notFoundContent={options.isLoading ? <Spin size="small" /> : undefined} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
