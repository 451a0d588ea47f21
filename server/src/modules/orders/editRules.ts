import type { Permission } from '../../platform/permissions';
import type { OrderStatus } from './states';

/** When the edits buyers ask for are open (pure): the order page shows only these, and edits.ts refuses the rest. */

/** No wave has taken the order yet: its lines and receiver can still change. */
export const NOT_WAVED: readonly OrderStatus[] = ['pending_payment', 'awaiting_review', 'awaiting_fulfillment', 'on_hold'];

/** 改地址 reaches an order in its wave too: the parcel is intercepted first. */
export const ADDRESS_EDITABLE: readonly OrderStatus[] = [...NOT_WAVED, 'in_fulfillment'];

export interface EditsAllowed {
  changeAddress: boolean;
  changeSku: boolean;
  remindPayment: boolean;
}

/** What this staff member may edit on the order now (the reminder gap is checked when sent). */
export function editsAllowed(order: { status: OrderStatus; mergeId: number | null }, has: (permission: Permission) => boolean): EditsAllowed {
  const edit = has('orders.edit');
  return {
    changeAddress: edit && ADDRESS_EDITABLE.includes(order.status) && order.mergeId === null,
    changeSku: edit && NOT_WAVED.includes(order.status),
    remindPayment: has('orders.remind') && order.status === 'pending_payment',
  };
}
