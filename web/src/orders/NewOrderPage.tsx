import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Switch, Typography, type FormInstance } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { FieldLabels } from '../app/errorText';
import { blankToUndefined } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill, type Messages } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { MoneyInput, moneyRule } from '../app/MoneyInput';
import { useApiMutation } from '../app/useApiMutation';
import { useShopOptions } from '../catalog/api';
import { useWarehouseOptions } from '../inventory/api';
import { AddressPaste, type ParsedAddress } from './AddressPaste';
import { withParsed } from './parsedReceiver';
import { createOrder, PAYMENT_METHODS, type CreateOrderInput, type PaymentMethod } from './api';
import { AddressFields } from './AddressFields';
import { SkuSelect } from './SkuSelect';
import { orderTotals, validFen, type Line } from './totals';

type Values = Omit<CreateOrderInput, 'items' | 'payment'> & { items: Line[]; paid?: boolean };

function toBody({ paid, items, ...values }: Values): CreateOrderInput {
  const { total } = orderTotals(items, values.shippingFee, values.discount);
  return {
    ...values,
    items: items.map((l) => ({ skuCode: l.skuCode!, quantity: l.quantity!, unitPrice: l.unitPrice! })),
    ...(paid && values.paymentMethod && { payment: { amount: total, method: values.paymentMethod } }),
  };
}

/** The order body's fields as this form names them, for validation errors in words. */
function orderLabels(t: Messages): FieldLabels {
  return {
    shopCode: t.orders.shop,
    platformOrderId: t.orders.platformOrderId,
    'buyer.nick': t.orders.buyerNick,
    'buyer.name': t.orders.buyerName,
    'buyer.phone': t.orders.phone,
    'address.province': t.orders.province,
    'address.city': t.orders.city,
    'address.district': t.orders.district,
    'address.detail': t.orders.addressDetail,
    'address.postalCode': t.orders.postalCode,
    'items.*.skuCode': t.orders.product,
    'items.*.quantity': t.orders.quantity,
    'items.*.unitPrice': t.orders.unitPrice,
    shippingFee: t.orders.shippingFee,
    discount: t.orders.discount,
    buyerMessage: t.orders.buyerMessage,
    paymentMethod: t.orders.paymentMethod,
    'payment.amount': t.orders.payAmount,
    'payment.method': t.orders.paymentMethod,
  };
}

/** 智能识别's fields into the form's buyer and address. */
function fillReceiver(form: FormInstance<Values>, found: ParsedAddress) {
  const { buyer, address } = form.getFieldsValue(['buyer', 'address']) as Partial<Pick<Values, 'buyer' | 'address'>>;
  const { name, phone, ...place } = withParsed({ ...buyer, ...address, postalCode: address?.postalCode ?? undefined }, found);
  form.setFieldsValue({ buyer: { ...buyer, name, phone }, address: { ...address, ...place } });
}

/** The warehouse intake reserves a shop's orders in first: the shop's default one. */
function useShopWarehouse(shopCode: string | undefined) {
  const { shops } = useShopOptions();
  const { warehouses } = useWarehouseOptions();
  const warehouseId = shops.find((s) => s.code === shopCode)?.defaultWarehouseId;
  return warehouses.find((w) => w.id === warehouseId) ?? null;
}

function ItemLines() {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const items = Form.useWatch('items', form);
  const warehouse = useShopWarehouse(Form.useWatch('shopCode', form));
  return (
    <Form.List name="items" rules={[{ validator: (_, lines: Line[]) => (lines?.length ? Promise.resolve() : Promise.reject(new Error(t.orders.noItems))) }]}>
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} wrap={false}>
              <Col flex="auto" style={{ minWidth: 0 }}>
                <Form.Item name={[field.name, 'skuCode']} label={index === 0 ? t.orders.product : undefined} rules={[{ required: true, message: t.common.required }]}>
                  <SkuSelect warehouse={warehouse} onPick={(sku) => form.setFieldValue(['items', field.name, 'unitPrice'], sku.price)} />
                </Form.Item>
              </Col>
              <Col flex="90px">
                <Form.Item name={[field.name, 'quantity']} label={index === 0 ? t.orders.quantity : undefined} rules={[{ required: true, message: t.common.required }]}>
                  <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col flex="120px">
                <Form.Item
                  name={[field.name, 'unitPrice']}
                  label={index === 0 ? t.orders.unitPrice : undefined}
                  rules={[{ required: true, message: t.common.required }, moneyRule(t.common.invalidMoney)]}
                >
                  <MoneyInput />
                </Form.Item>
              </Col>
              <Col flex="100px">
                <Form.Item label={index === 0 ? t.orders.lineTotal : undefined}>
                  <Typography.Text style={{ lineHeight: '32px' }}>{formatFen(validFen(items?.[index]?.quantity) * validFen(items?.[index]?.unitPrice))}</Typography.Text>
                </Form.Item>
              </Col>
              <Col flex="32px">
                <Form.Item label={index === 0 ? ' ' : undefined}>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t.common.remove} onClick={() => remove(field.name)} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>
            {t.orders.addItem}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}

function Totals() {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const items = Form.useWatch('items', form);
  const shippingFee = Form.useWatch('shippingFee', form);
  const discount = Form.useWatch('discount', form);
  const { itemsTotal, total } = orderTotals(items, shippingFee, discount);
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        { key: 'items', label: t.orders.itemsTotal, children: formatFen(itemsTotal) },
        { key: 'shipping', label: t.orders.shippingFee, children: formatFen(validFen(shippingFee)) },
        { key: 'discount', label: t.orders.discount, children: `-${formatFen(validFen(discount))}` },
        { key: 'total', label: t.orders.total, children: <Typography.Text strong data-testid="order-total">{formatFen(total)}</Typography.Text> },
      ]}
    />
  );
}

export default function NewOrderPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { options: shopOptions } = useShopOptions();
  const paid = Form.useWatch('paid', form);
  const create = useApiMutation((values: Values) => createOrder(toBody(values)), {
    success: (order) => fill(t.orders.created, { orderNo: order.orderNo }),
    invalidate: [['orders'], ['levels']],
    form,
    labels: orderLabels(t),
    onSuccess: (order) => void navigate(`/orders/${order.id}`),
  });
  const required = [{ required: true, message: t.common.required }];

  return (
    <div>
      <Typography.Title level={3}>{t.orders.newTitle}</Typography.Title>
      <Form form={form} name="new-order" layout="vertical" initialValues={{ items: [{ quantity: 1 }], shippingFee: 0, discount: 0 }} onFinish={(values) => create.mutate(values)}>
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Card title={t.orders.shop} style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="shopCode" label={t.orders.shop} rules={required}>
                    <Select options={shopOptions} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="platformOrderId" label={t.orders.platformOrderId} normalize={blankToUndefined}>
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={t.orders.buyerInfo} style={{ marginBottom: 16 }}>
              <AddressPaste onParsed={(found) => fillReceiver(form, found)} />
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name={['buyer', 'nick']} label={t.orders.buyerNick} normalize={blankToUndefined}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={['buyer', 'name']} label={t.orders.buyerName} rules={required}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={['buyer', 'phone']} label={t.orders.phone} rules={[...required, { pattern: /^1\d{10}$/, message: t.orders.phoneRule }]}>
                    <Input maxLength={11} inputMode="tel" />
                  </Form.Item>
                </Col>
              </Row>
              <AddressFields prefix={['address']} />
            </Card>
            <Card title={t.orders.items} style={{ marginBottom: 16 }}>
              <ItemLines />
            </Card>
            <Card style={{ marginBottom: 16 }}>
              <Form.Item name="buyerMessage" label={t.orders.buyerMessage}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t.orders.amounts} style={{ marginBottom: 16 }}>
              <Form.Item name="shippingFee" label={t.orders.shippingFee} rules={[moneyRule(t.common.invalidMoney)]}>
                <MoneyInput />
              </Form.Item>
              <Form.Item name="discount" label={t.orders.discount} rules={[moneyRule(t.common.invalidMoney)]}>
                <MoneyInput />
              </Form.Item>
              <Totals />
              <Form.Item name="paymentMethod" label={t.orders.paymentMethod} rules={[{ required: !!paid, message: t.common.required }]}>
                <Select allowClear options={PAYMENT_METHODS.map((m: PaymentMethod) => ({ value: m, label: labelOf(t.paymentMethods, m) }))} />
              </Form.Item>
              <Form.Item name="paid" label={t.orders.alreadyPaid} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={create.isPending}>
                {t.orders.submit}
              </Button>
            </Card>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
