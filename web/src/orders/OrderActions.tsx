import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { blankToUndefined } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { MoneyInput, moneyRule } from '../app/MoneyInput';
import { useApiMutation } from '../app/useApiMutation';
import { approveOrder, cancelOrder, closeOrder, PAYMENT_METHODS, payOrder, releaseOrder, type Order, type PaymentInput } from './api';
import { HoldDialog } from './HoldDialog';
import { ReasonDialog } from './ReasonDialog';
import { useRefreshAfterOrderChange } from './refresh';

function PayDialog({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PaymentInput>();
  const refresh = useRefreshAfterOrderChange();
  const pay = useApiMutation((body: PaymentInput) => payOrder(order.id, body), {
    success: t.orders.paid,
    form,
    labels: { amount: t.orders.payAmount, method: t.orders.paymentMethod, transactionNo: t.orders.transactionNo },
    onSuccess: () => {
      void refresh();
      onClose();
    },
  });
  return (
    <Modal open={open} title={t.orders.pay} okText={t.orders.pay} confirmLoading={pay.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        name="pay"
        layout="vertical"
        initialValues={{ amount: order.total - order.paidAmount, method: (order.paymentMethod as PaymentInput['method'] | null) ?? 'alipay' }}
        onFinish={(values) => pay.mutate(values)}
      >
        <Form.Item name="amount" label={t.orders.payAmount} rules={[{ required: true, message: t.common.required }, moneyRule(t.common.invalidMoney)]}>
          <MoneyInput />
        </Form.Item>
        <Form.Item name="method" label={t.orders.paymentMethod} rules={[{ required: true, message: t.common.required }]}>
          <Select options={PAYMENT_METHODS.map((m) => ({ value: m, label: labelOf(t.paymentMethods, m) }))} />
        </Form.Item>
        <Form.Item name="transactionNo" label={t.orders.transactionNo} normalize={blankToUndefined}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Dialog = 'pay' | 'hold' | 'cancel' | 'close' | null;

/** The buttons for what the user can do to this order now, as the server lists them (state × rules × permission). */
export function OrderActions({ order }: { order: Order }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refresh = useRefreshAfterOrderChange();
  const [dialog, setDialog] = useState<Dialog>(null);
  const allowed = (action: Order['actions'][number]) => order.actions.includes(action);
  const approve = useApiMutation(() => approveOrder(order.id), { success: t.orders.approved, onSuccess: () => void refresh() });
  const release = useApiMutation(() => releaseOrder(order.id), { success: t.orders.released, onSuccess: () => void refresh() });
  const close = () => setDialog(null);

  return (
    <>
      <Space wrap>
        {allowed('approve') && (
          <Button type="primary" loading={approve.isPending} onClick={() => approve.mutate(undefined)}>
            {t.orders.approve}
          </Button>
        )}
        {allowed('pay') && <Button onClick={() => setDialog('pay')}>{t.orders.pay}</Button>}
        {allowed('release') && (
          <Button loading={release.isPending} onClick={() => release.mutate(undefined)}>
            {t.orders.release}
          </Button>
        )}
        {allowed('hold') && <Button onClick={() => setDialog('hold')}>{t.orders.hold}</Button>}
        {allowed('cancel') && (
          <Button danger onClick={() => setDialog('cancel')}>
            {t.orders.cancel}
          </Button>
        )}
        {allowed('close') && (
          <Button danger onClick={() => setDialog('close')}>
            {t.orders.close}
          </Button>
        )}
      </Space>
      <PayDialog order={order} open={dialog === 'pay'} onClose={close} />
      <HoldDialog orderId={dialog === 'hold' ? order.id : null} onClose={close} />
      <ReasonDialog
        open={dialog === 'cancel'}
        title={t.orders.cancel}
        label={t.orders.cancelReason}
        warning={t.orders.cancelConfirm}
        danger
        onClose={close}
        onSubmit={async (reason) => {
          await cancelOrder(order.id, reason!);
          void message.success(t.orders.cancelled);
          await refresh();
        }}
      />
      <ReasonDialog
        open={dialog === 'close'}
        title={t.orders.close}
        label={t.orders.closeReason}
        warning={t.orders.closeConfirm}
        required={false}
        danger
        onClose={close}
        onSubmit={async (reason) => {
          await closeOrder(order.id, reason);
          void message.success(t.orders.closed);
          await refresh();
        }}
      />
    </>
  );
}
