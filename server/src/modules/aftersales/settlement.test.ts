import { describe, expect, it } from 'vitest';
import { damageCompensation, paidValue, returnSettlement } from './settlement';

// an order of 2 × 59.00 (T-shirts) + 1 × 129.00 (a scarf), 10.00 off, 8.00 shipping
const order = { itemsTotal: 24_700, discount: 1_000, shippingFee: 800, units: 3 };
const shirts = { lineTotal: 11_800, quantity: 2 };
const scarf = { lineTotal: 12_900, quantity: 1 };

describe('return settlement', () => {
  it('refunds the goods that came back at what was paid for them, the discount shared by line value', () => {
    // the shirts bore 1 000 × 11 800 / 24 700 = 478 of the discount: 11 322 paid, 5 661 a shirt
    expect(returnSettlement({ noReason: false, order, lines: [{ ...shirts, returned: 1 }], buyerReturnShipping: 0 })).toEqual({ goods: 5_661, shipping: 0, shippingDeducted: 0, returnShipping: 0, amount: 5_661 });
  });

  it('keeps the original shipping on a whole 七天无理由 return, and the buyer pays the return', () => {
    const all = [
      { ...shirts, returned: 2 },
      { ...scarf, returned: 1 },
    ];
    expect(returnSettlement({ noReason: true, order, lines: all, buyerReturnShipping: 1_200 })).toEqual({ goods: 23_700, shipping: 800, shippingDeducted: 800, returnShipping: 0, amount: 23_700 });
  });

  it('refunds everything paid and the advance return shipping when the fault was ours', () => {
    const all = [
      { ...shirts, returned: 2 },
      { ...scarf, returned: 1 },
    ];
    const s = returnSettlement({ noReason: false, order, lines: all, buyerReturnShipping: 1_200 });
    expect(s).toEqual({ goods: 23_700, shipping: 800, shippingDeducted: 0, returnShipping: 1_200, amount: 25_700 });
    expect(s.goods + s.shipping).toBe(order.itemsTotal - order.discount + order.shippingFee);
  });

  it('is worth nothing when nothing came back', () => {
    expect(returnSettlement({ noReason: false, order, lines: [{ ...scarf, returned: 0 }], buyerReturnShipping: 0 }).amount).toBe(0);
  });

  it('offers 10 % of what was paid for the damaged units of a minor damage', () => {
    // one shirt of the two: 5 661 paid, 10 % is 566
    expect(damageCompensation(order, [{ ...shirts, damaged: 1 }], 10)).toBe(566);
    expect(damageCompensation(order, [{ ...shirts, damaged: 2 }, { ...scarf, damaged: 1 }], 10)).toBe(2_370);
  });

  it('claims from the carrier what was paid for the units damaged or lost', () => {
    expect(paidValue(order, [{ ...shirts, units: 1 }])).toBe(5_661);
    // the scarf bore 522 of the discount: 12 378 paid
    expect(paidValue(order, [{ ...shirts, units: 2 }, { ...scarf, units: 1 }])).toBe(23_700);
  });
});
