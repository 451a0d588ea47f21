import { Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useI18n } from '../app/i18n';
import { useApiMutation } from '../app/useApiMutation';
import { AddressChangeDialog } from './AddressChangeDialog';
import { remindPayment, type Order } from './api';
import { useRefreshAfterOrderChange } from './refresh';

/** Popconfirm keeps its button loading while the promise runs; the mutation has already shown the error. */
const shownByMutation = () => undefined;

/** 改地址 and 催付 on the order page, as the server says this user may now (`order.edits`); 改规格 sits on each line. */
export function OrderEditActions({ order }: { order: Order }) {
  const { t } = useI18n();
  const e = t.orderEdits;
  const refresh = useRefreshAfterOrderChange();
  const [changingAddress, setChangingAddress] = useState(false);
  const remind = useApiMutation(() => remindPayment(order.id), { success: e.reminded, onSuccess: () => void refresh() });
  return (
    <>
      {order.edits.changeAddress && <Button onClick={() => setChangingAddress(true)}>{e.changeAddress}</Button>}
      {order.edits.remindPayment && (
        <Popconfirm title={e.remindConfirm} okText={e.remindPayment} onConfirm={() => remind.mutateAsync(undefined).catch(shownByMutation)}>
          <Button loading={remind.isPending}>{e.remindPayment}</Button>
        </Popconfirm>
      )}
      {changingAddress && <AddressChangeDialog order={order} onClose={() => setChangingAddress(false)} />}
    </>
  );
}
