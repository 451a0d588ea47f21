import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { useApiMutation } from '../app/useApiMutation';
import { reshipCase, type Case, type ReshipInput } from './api';

type Option = Case['reshipOptions'][number];

/**
 * 补发's dialog: the SKUs the case may send (for an exchange, every size and colour of the product)
 * with their quantities, then a confirmation naming what leaves the warehouse. The server makes the
 * reissue order (0 元, blue flag, reserved) and answers the case with it.
 */
export function ReshipDialog({ c, invalidate, onClose }: { c: Case; invalidate: (readonly unknown[])[]; onClose: () => void }) {
  const { t } = useI18n();
  const a = t.aftersales;
  const { modal } = App.useApp();
  const [form] = Form.useForm<ReshipInput>();
  const options = c.reshipOptions.filter((o) => o.quantity > 0);
  const reship = useApiMutation((body: ReshipInput) => reshipCase(c.id, body), {
    success: (result) => fill(a.reshipDone, { orderNo: result.reships.at(-1)?.orderNo ?? '' }),
    invalidate,
    form,
    labels: { 'lines.*.skuCode': a.reshipSku, 'lines.*.quantity': a.reshipQuantity, note: a.reshipNote },
    onSuccess: onClose,
  });
  const optionLabel = (o: Option) => fill(a.reshipOption, { skuCode: o.skuCode, product: o.productName, spec: o.spec, n: o.quantity });

  const confirm = ({ lines, note }: ReshipInput) => {
    const body = { lines, ...(note?.trim() && { note }) };
    const text = lines.map((l) => `${l.skuCode} × ${l.quantity}`).join('、');
    // the mutation shows a refusal itself; the confirmation just closes
    void modal.confirm({ title: a.reshipConfirmTitle, content: fill(a.reshipConfirm, { lines: text }), okText: a.actions.reship, onOk: () => reship.mutateAsync(body).catch(() => undefined) });
  };

  return (
    <Modal open title={a.actions.reship} okText={a.actions.reship} confirmLoading={reship.isPending} onOk={() => form.submit()} onCancel={onClose} width={640}>
      <Alert type="info" showIcon title={c.type === 'exchange' ? a.reshipExchangeHint : a.reshipHint} style={{ marginBottom: 16 }} />
      <Form form={form} name="reship" layout="vertical" initialValues={{ lines: [{ skuCode: options[0]?.skuCode, quantity: 1 }] }} onFinish={confirm}>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'skuCode']} rules={[{ required: true, message: t.common.required }]} style={{ width: 400 }}>
                    <Select showSearch optionFilterProp="label" aria-label={`${a.reshipSku} ${i + 1}`} options={options.map((o) => ({ value: o.skuCode, label: optionLabel(o) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, message: t.common.required }]}>
                    <InputNumber min={1} max={9_999} precision={0} aria-label={`${a.reshipQuantity} ${i + 1}`} />
                  </Form.Item>
                  {fields.length > 1 && <Button icon={<DeleteOutlined />} aria-label={a.removeReshipLine} onClick={() => remove(field.name)} />}
                </Space>
              ))}
              {fields.length < options.length && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} style={{ marginBottom: 16 }}>
                  {a.addReshipLine}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={a.reshipNote}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
