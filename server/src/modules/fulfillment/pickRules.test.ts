import { describe, expect, it } from 'vitest';
import { allot, matchStop, ordersToSendBack } from './pickRules';

const a = { skuCode: 'TEE-W-M', barcode: '6901', binCode: 'A-01' };
const b = { skuCode: 'TEE-B-M', barcode: '6902', binCode: 'A-01' };
const loose = { skuCode: 'SOCK', barcode: null, binCode: null };
const gone = { skuCode: 'CAP', barcode: '6909', binCode: 'C-09' };

describe('a location-first scan', () => {
  const lines = [a, b, loose];

  it('names the stop for a bin alone, and the line for an item by barcode or SKU code in any case', () => {
    expect(matchStop(lines, [gone], 'a-01', undefined)).toEqual({ kind: 'stop', stop: [a, b] });
    expect(matchStop(lines, [gone], 'A-01', '6902')).toEqual({ kind: 'item', stop: [a, b], line: b });
    expect(matchStop(lines, [gone], 'A-01', 'tee-w-m')).toMatchObject({ kind: 'item', line: a });
  });

  it('takes a SKU without a pick bin with no bin scanned, and only so', () => {
    expect(matchStop(lines, [], undefined, 'SOCK')).toMatchObject({ kind: 'item', line: loose });
    expect(matchStop(lines, [], undefined, '6901')).toEqual({ kind: 'wrong_item', stop: [loose] });
    expect(matchStop([a], [], undefined, '6901')).toEqual({ kind: 'bin_not_on_route' });
  });

  it('refuses a bin off the route and an item not taken at this bin', () => {
    expect(matchStop(lines, [gone], 'Z-99', undefined)).toEqual({ kind: 'bin_not_on_route' });
    expect(matchStop(lines, [gone], 'Z-99', '6901')).toEqual({ kind: 'bin_not_on_route' });
    expect(matchStop(lines, [gone], 'A-01', 'SOCK')).toEqual({ kind: 'wrong_item', stop: [a, b] });
  });

  it('answers intercepted for a bin or item only orders that left the wave needed', () => {
    expect(matchStop(lines, [gone], 'C-09', undefined)).toEqual({ kind: 'intercepted', line: gone });
    expect(matchStop(lines, [gone], 'C-09', '6909')).toEqual({ kind: 'intercepted', line: gone });
    expect(matchStop(lines, [gone], 'C-09', '6901')).toEqual({ kind: 'bin_not_on_route' });
    const sharing = { ...gone, binCode: 'A-01' };
    expect(matchStop(lines, [sharing], 'A-01', '6909')).toEqual({ kind: 'intercepted', line: sharing });
  });
});

describe('allotting picked units', () => {
  const needs = [
    { orderId: 1, quantity: 2, picked: 2 },
    { orderId: 2, quantity: 3, picked: 1 },
    { orderId: 3, quantity: 1, picked: 0 },
  ];

  it('fills the orders in their order, each up to its need', () => {
    expect(allot(needs, 1)).toEqual([{ orderId: 2, units: 1 }]);
    expect(allot(needs, 3)).toEqual([
      { orderId: 2, units: 2 },
      { orderId: 3, units: 1 },
    ]);
  });

  it('leaves over what no order lacks', () => {
    expect(allot(needs, 10)).toEqual([
      { orderId: 2, units: 2 },
      { orderId: 3, units: 1 },
    ]);
    expect(allot([], 4)).toEqual([]);
  });
});

describe('the orders a short pick sends back', () => {
  const needs = [
    { orderId: 1, quantity: 2, picked: 2 },
    { orderId: 2, quantity: 1, picked: 0 },
    { orderId: 3, quantity: 3, picked: 0 },
  ];

  it('takes the last in the wave first, as many as cover the shortfall', () => {
    expect(ordersToSendBack(needs, 1)).toEqual([3]);
    expect(ordersToSendBack(needs, 3)).toEqual([3]);
    expect(ordersToSendBack(needs, 4)).toEqual([3, 2]);
    expect(ordersToSendBack(needs, 6)).toEqual([3, 2, 1]);
  });
});
