import { describe, expect, it } from 'vitest';
import { orderTotals } from './totals';

describe('orderTotals', () => {
  it('adds lines, shipping and discount in integer fen', () => {
    expect(orderTotals([{ quantity: 3, unitPrice: 1999 }, { quantity: 1, unitPrice: 1 }], 800, 50)).toEqual({ itemsTotal: 5998, total: 6748 });
  });

  it('counts lines still being typed (or holding an invalid amount) as nothing', () => {
    expect(orderTotals([{ quantity: 2 }, { unitPrice: 500 }, { quantity: 1, unitPrice: Number.NaN }, undefined], undefined, undefined)).toEqual({ itemsTotal: 0, total: 0 });
  });
});
