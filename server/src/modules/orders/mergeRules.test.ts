import { describe, expect, it } from 'vitest';
import { mergeProblem, type MergeFacts } from './mergeRules';

const order = (fields: Partial<MergeFacts> = {}): MergeFacts => ({
  orderNo: 'SO1',
  status: 'awaiting_fulfillment',
  shopId: 1,
  customerId: 7,
  addressIndex: 'addr',
  warehouseId: 3,
  flag: null,
  ...fields,
});
const codeOf = (...orders: MergeFacts[]) => mergeProblem(orders, (i) => `orderIds.${i}`)?.code ?? null;

describe('which orders may share a parcel (合单)', () => {
  it('takes approved orders not yet waved of one shop, buyer, address and warehouse', () => {
    expect(codeOf(order(), order({ orderNo: 'SO2', flag: 'red' }), order({ orderNo: 'SO3' }))).toBeNull();
  });

  it('names the first order that cannot, and why', () => {
    expect(codeOf(order(), order({ shopId: 2 }))).toBe('different_shop');
    expect(codeOf(order(), order({ customerId: 8 }))).toBe('different_buyer');
    expect(codeOf(order({ customerId: null }), order({ customerId: null }))).toBe('different_buyer');
    expect(codeOf(order(), order({ addressIndex: 'other' }))).toBe('different_address');
    // a masked address identifies no one
    expect(codeOf(order({ addressIndex: null }), order({ addressIndex: null }))).toBe('different_address');
    expect(codeOf(order(), order({ warehouseId: 4 }))).toBe('different_warehouse');
    expect(mergeProblem([order(), order(), order({ flag: 'green' })], (i) => `orderIds.${i}`)).toMatchObject({ code: 'order_flagged', path: 'orderIds.2' });
  });

  it('refuses by state: held, not approved, waved, shipped, closed', () => {
    expect(codeOf(order({ status: 'on_hold' }), order())).toBe('order_held');
    expect(codeOf(order(), order({ status: 'awaiting_review' }))).toBe('not_approved');
    expect(codeOf(order(), order({ status: 'in_fulfillment' }))).toBe('already_in_fulfillment');
    expect(codeOf(order(), order({ status: 'shipped' }))).toBe('already_shipped');
    expect(codeOf(order(), order({ status: 'cancelled' }))).toBe('order_closed');
  });
});
