import { describe, expect, it } from 'vitest';
import { aggregateLines, explainShortage, insufficientStock, levelChanges, placeBins, routeProblems, takesFor, warehousesAbleToServe, type Availability, type OpenReservation } from './rules';

const A = { skuId: 7, skuCode: 'A' };
const B = { skuId: 3, skuCode: 'B' };

describe('aggregateLines', () => {
  it('sums repeated SKUs, keeps the first line index and sorts by SKU id', () => {
    expect(aggregateLines([{ ...A, quantity: 1 }, { ...B, quantity: 2 }, { ...A, quantity: 3 }])).toEqual([
      { ...B, quantity: 2, lineIndex: 1 },
      { ...A, quantity: 4, lineIndex: 0 },
    ]);
  });
});

describe('warehousesAbleToServe', () => {
  const needs = aggregateLines([{ ...A, quantity: 2 }, { ...B, quantity: 1 }]);
  const availability: Availability[] = [
    { warehouseId: 5, skuId: 7, available: 2 },
    { warehouseId: 5, skuId: 3, available: 1 },
    { warehouseId: 2, skuId: 7, available: 9 },
    { warehouseId: 2, skuId: 3, available: 9 },
    { warehouseId: 1, skuId: 7, available: 9 },
  ];

  it('lists warehouses holding every need, by id, without the one already tried', () => {
    expect(warehousesAbleToServe(needs, availability, null)).toEqual([2, 5]);
    expect(warehousesAbleToServe(needs, availability, 2)).toEqual([5]);
  });
});

describe('explainShortage', () => {
  const needs = aggregateLines([{ ...A, quantity: 3 }, { ...B, quantity: 2 }]);

  it('names the SKUs no warehouse has enough of, with the most any one holds', () => {
    const report = explainShortage(
      needs,
      [
        { warehouseId: 1, skuId: 7, available: 1 },
        { warehouseId: 2, skuId: 7, available: 2 },
        { warehouseId: 1, skuId: 3, available: 5 },
      ],
      1,
    );
    expect(report).toEqual({ shortages: [{ need: needs[1], available: 2 }], notInOneWarehouse: false });
    const error = insufficientStock(report);
    expect(error).toMatchObject({ status: 409, code: 'insufficient_stock', message: '商品 A 库存不足（需要 3，可用 2）', details: [{ path: 'items.0.skuCode', message: 'A' }] });
  });

  it('names what the preferred warehouse lacks when the stock exists only spread over warehouses', () => {
    const report = explainShortage(
      needs,
      [
        { warehouseId: 1, skuId: 7, available: 3 },
        { warehouseId: 2, skuId: 3, available: 2 },
      ],
      1,
    );
    expect(report).toEqual({ shortages: [{ need: needs[0], available: 0 }], notInOneWarehouse: true });
    expect(insufficientStock(report).message).toBe('商品 B 库存不足（需要 2，可用 0），没有一个仓库能备齐整单');
  });

  it('names every SKU that exists nowhere, in line order', () => {
    const report = explainShortage(needs, [], null);
    expect(report.shortages.map((s) => s.need.skuCode)).toEqual(['A', 'B']);
    expect(insufficientStock(report).details.map((d) => d.path)).toEqual(['items.0.skuCode', 'items.1.skuCode']);
  });
});

describe('takesFor', () => {
  // Line 10 is held in two warehouses (rows 1 and 2), line 11 in one.
  const rows: OpenReservation[] = [
    { id: 1, lineId: 10, skuId: 7, warehouseId: 5, open: 2 },
    { id: 2, lineId: 10, skuId: 7, warehouseId: 6, open: 3 },
    { id: 3, lineId: 11, skuId: 7, warehouseId: 5, open: 1 },
  ];

  it('takes a line from its rows in order, and a line without a quantity whole', () => {
    expect(takesFor(rows, [{ lineId: 10, quantity: 4 }, { lineId: 11 }])).toEqual({
      takes: [
        { reservationId: 1, skuId: 7, warehouseId: 5, quantity: 2 },
        { reservationId: 2, skuId: 7, warehouseId: 6, quantity: 2 },
        { reservationId: 3, skuId: 7, warehouseId: 5, quantity: 1 },
      ],
      problems: [],
    });
  });

  it('sums a line asked for twice, and names every problem by the position it was asked at', () => {
    expect(takesFor(rows, [{ lineId: 11, quantity: 1 }, { lineId: 12, quantity: 1 }, { lineId: 11, quantity: 1 }, { lineId: 10, quantity: -1 }]).problems).toEqual([
      { kind: 'exceeds_open', index: 0, lineId: 11, quantity: 2, open: 1 },
      { kind: 'not_reserved', index: 1, lineId: 12 },
      { kind: 'invalid_quantity', index: 3, lineId: 10, quantity: -1 },
    ]);
  });
});

describe('levelChanges', () => {
  it('sums takes per SKU and warehouse, in SKU order', () => {
    const take = (skuId: number, warehouseId: number, quantity: number) => ({ reservationId: 0, skuId, warehouseId, quantity });
    expect(levelChanges([take(9, 1, 1), take(3, 2, 2), take(9, 1, 4)])).toEqual([
      { skuId: 3, warehouseId: 2, quantity: 2 },
      { skuId: 9, warehouseId: 1, quantity: 5 },
    ]);
  });
});

describe('placeBins', () => {
  it('places bare codes after the last bin by list position, keeps a given place, and counts a repeated code once', () => {
    expect(placeBins(['B', { code: 'A', walkOrder: 0 }, 'C', 'B'], 10)).toEqual([
      { code: 'B', walkOrder: 11 },
      { code: 'A', walkOrder: 0 },
      { code: 'C', walkOrder: 13 },
    ]);
  });
});

describe('routeProblems', () => {
  const bins = [
    { id: 1, code: 'A', walkOrder: 1 },
    { id: 2, code: 'B', walkOrder: 2 },
    { id: 3, code: 'C', walkOrder: 3 },
  ];

  it('accepts every bin once, in any order', () => {
    expect(routeProblems(['C', 'A', 'B'], bins)).toEqual({ unknown: [], repeated: [], missing: [] });
  });

  it('names unknown and repeated codes by position, and the bins left out', () => {
    expect(routeProblems(['C', 'X', 'C'], bins)).toEqual({
      unknown: [{ path: 'codes.1', message: 'X' }],
      repeated: [{ path: 'codes.2', message: 'C' }],
      missing: ['A', 'B'],
    });
  });
});
