import type { Case } from './api';

/**
 * What a refund of `amount` will do to the case's order, as the server does it (aftersales'
 * orderEffects.ts), for the 退款 form to say before it is confirmed: all that is left refunded on an
 * order not shipped cancels and closes it (配货中: its parcel is intercepted); the first refund of a
 * 仅退款 case with lines takes them off an order not yet waved, and is refused once it is in a wave.
 */
export type RefundEffect = 'close' | 'intercept' | 'cancelLines' | 'inWave';

const GOODS_GONE: readonly Case['orderStatus'][] = ['shipped', 'delivered', 'completed', 'closed'];

export function refundEffect(c: Pick<Case, 'type' | 'orderStatus' | 'orderRefundable' | 'refunded' | 'lines'>, amount: number | undefined): RefundEffect | null {
  if (amount === undefined || !Number.isInteger(amount) || amount <= 0 || GOODS_GONE.includes(c.orderStatus)) return null;
  if (amount >= c.orderRefundable) return c.orderStatus === 'in_fulfillment' ? 'intercept' : 'close';
  if (c.type !== 'refund_only' || c.refunded > 0 || c.lines.length === 0 || c.orderStatus === 'cancelled') return null;
  return c.orderStatus === 'in_fulfillment' ? 'inWave' : 'cancelLines';
}
