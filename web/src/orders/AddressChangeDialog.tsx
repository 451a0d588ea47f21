import { Alert, Col, Form, Input, Modal, Row } from 'antd';
import { useI18n } from '../app/i18n';
import { useApiMutation } from '../app/useApiMutation';
import { AddressFields } from './AddressFields';
import { AddressPaste } from './AddressPaste';
import { withParsed } from './parsedReceiver';
import { changeAddress, type AddressChangeInput, type Order } from './api';
import { useRefreshAfterOrderChange } from './refresh';

/**
 * 改地址: the new receiver, checked by the server as manual entry is. Name, phone and street start
 * empty (the page shows them masked); the division starts at the current one when it resolved.
 */
export function AddressChangeDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useI18n();
  const e = t.orderEdits;
  const [form] = Form.useForm<AddressChangeInput>();
  const refresh = useRefreshAfterOrderChange();
  const inWave = order.status === 'in_fulfillment';
  const save = useApiMutation((body: AddressChangeInput) => changeAddress(order.id, body), {
    success: inWave ? e.addressChangedInWave : e.addressChanged,
    form,
    labels: {
      name: e.receiverName,
      phone: e.receiverPhone,
      province: t.orders.province,
      city: t.orders.city,
      district: t.orders.district,
      detail: t.orders.addressDetail,
      postalCode: t.orders.postalCode,
    },
    onSuccess: () => {
      void refresh();
      onClose();
    },
  });
  const { address } = order;
  const initial = address.divisionMatch === 'exact' ? { province: address.province, city: address.city, district: address.district, postalCode: address.postalCode ?? undefined } : {};
  const required = [{ required: true, whitespace: true, message: t.common.required }];
  return (
    <Modal open title={e.changeAddressTitle} okText={e.changeAddress} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} width={720} destroyOnHidden>
      {inWave && <Alert type="warning" showIcon title={e.changeAddressInWave} style={{ marginBottom: 16 }} />}
      <AddressPaste onParsed={(found) => form.setFieldsValue(withParsed(form.getFieldsValue(), found))} />
      <Form form={form} name="change-address" layout="vertical" initialValues={initial} onFinish={(values) => save.mutate({ ...values, postalCode: values.postalCode || undefined })}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label={e.receiverName} rules={required}>
              <Input maxLength={40} autoFocus />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={e.receiverPhone} rules={[...required, { pattern: /^1\d{10}$/, message: t.orders.phoneRule }]}>
              <Input maxLength={11} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        <AddressFields />
      </Form>
    </Modal>
  );
}
