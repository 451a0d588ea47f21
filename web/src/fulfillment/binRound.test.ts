import { describe, expect, it } from 'vitest';
import { binOf, countedLine, linesAt, nextStop, settle, shownStop, type RoundLine } from './binRound';

/** A route through C-01 (one SKU) then A-01 (two), and a SKU with no bin last. */
const route = (done: [number, number, number, number] = [0, 0, 0, 0]): RoundLine[] => [
  { skuId: 1, skuCode: 'CUP', binCode: 'C-01', quantity: 1, done: done[0] },
  { skuId: 2, skuCode: 'LID', binCode: 'A-01', quantity: 2, done: done[1] },
  { skuId: 3, skuCode: 'BAG', binCode: 'A-01', quantity: 1, done: done[2] },
  { skuId: 4, skuCode: 'CARD', binCode: null, quantity: 1, done: done[3] },
];

describe('a round worked location first', () => {
  it('knows its bins whatever the case the scanner sends, and nothing else as a bin', () => {
    expect(binOf(route(), 'a-01')).toBe('A-01');
    expect(binOf(route(), 'C-01')).toBe('C-01');
    expect(binOf(route(), 'Z-99')).toBeNull();
    expect(binOf(route(), 'CUP')).toBeNull();
  });

  it('goes to the first stop with something left, the SKUs without a bin last', () => {
    expect(nextStop(route())).toBe('C-01');
    expect(nextStop(route([1, 1, 0, 0]))).toBe('A-01');
    expect(nextStop(route([1, 2, 1, 0]))).toBeNull();
    expect(nextStop(route([1, 2, 1, 1]))).toBeUndefined();
  });

  it('stays at the bin scanned until only SKUs without a bin are left, then stands at them (no bin to scan for them)', () => {
    expect(settle(route(), undefined)).toBeUndefined();
    expect(settle(route([1, 0, 0, 0]), 'C-01')).toBe('C-01');
    expect(settle(route([1, 2, 1, 0]), 'A-01')).toBeNull();
    expect(settle([{ skuId: 4, skuCode: 'CARD', binCode: null, quantity: 1, done: 0 }], undefined)).toBeNull();
    // all done: where the last scan was
    expect(settle(route([1, 2, 1, 1]), null)).toBeNull();
  });

  it('shows the stop the worker stands at, or before the first bin the one to go to', () => {
    expect(shownStop(route(), undefined)).toBe('C-01');
    expect(shownStop(route(), 'A-01')).toBe('A-01');
    expect(linesAt(route(), 'A-01').map((l) => l.skuCode)).toEqual(['LID', 'BAG']);
    expect(linesAt(route(), null).map((l) => l.skuCode)).toEqual(['CARD']);
    expect(linesAt(route(), undefined)).toEqual([]);
  });

  it('names the line a scan counted', () => {
    expect(countedLine(route([1, 0, 0, 0]), route([1, 1, 0, 0]))?.skuCode).toBe('LID');
    expect(countedLine(route(), route())).toBeNull();
  });
});
