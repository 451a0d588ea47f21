import { describe, expect, it } from 'vitest';
import { refundEffect } from './refundEffect';

const line = { orderItemId: 1, skuCode: 'COAT-L', barcode: '6901234567892', productName: '羊绒大衣', spec: '黑色 L', quantity: 1, unitPrice: 80_000, received: 0 };
const refundOnly = { type: 'refund_only' as const, orderStatus: 'awaiting_fulfillment' as const, orderRefundable: 80_800, refunded: 0, lines: [line] };

describe('退款 → what the refund will do to the order', () => {
  it('closes an order not shipped when it refunds all that is left, intercepting it in a wave', () => {
    expect(refundEffect(refundOnly, 80_800)).toBe('close');
    expect(refundEffect({ ...refundOnly, orderStatus: 'in_fulfillment' }, 80_800)).toBe('intercept');
    expect(refundEffect({ ...refundOnly, orderStatus: 'cancelled', type: 'complaint' }, 80_800)).toBe('close');
  });

  it('takes a 仅退款 case\'s lines off with its first partial refund, refused once waved', () => {
    expect(refundEffect(refundOnly, 80_799)).toBe('cancelLines');
    expect(refundEffect({ ...refundOnly, orderStatus: 'in_fulfillment' }, 80_000)).toBe('inWave');
    expect(refundEffect({ ...refundOnly, refunded: 100 }, 80_000)).toBeNull();
    expect(refundEffect({ ...refundOnly, lines: [] }, 80_000)).toBeNull();
    expect(refundEffect({ ...refundOnly, type: 'complaint' }, 80_000)).toBeNull();
  });

  it('does nothing to an order whose goods have left, or before an amount is typed', () => {
    expect(refundEffect({ ...refundOnly, type: 'quality', orderStatus: 'shipped' }, 80_800)).toBeNull();
    expect(refundEffect(refundOnly, undefined)).toBeNull();
  });
});
