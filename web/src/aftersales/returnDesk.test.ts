import { describe, expect, it } from 'vitest';
import { receiveLines, shortLines, take, toggleLast, type Desk } from './returnDesk';

const line = (orderItemId: number, skuCode: string, barcode: string | null, quantity: number, received = 0) => ({ orderItemId, skuCode, productName: skuCode, spec: '', quantity, unitPrice: 100, barcode, received });
const desk: Desk = { caseId: 1, caseNo: 'SH202612030001', orderNo: 'SO1', lines: [line(1, 'TEE-M', '6901234567890', 2), line(2, 'CAP', null, 3, 2)], units: [], returnTrackingNo: null };

function scan(d: Desk, ...codes: string[]) {
  return codes.reduce((current, code) => {
    const taken = take(current, code);
    if (!taken.ok) throw new Error(taken.reason);
    return taken.desk;
  }, d);
}

describe('the return desk', () => {
  it('counts a unit by barcode or SKU code and refuses what the case does not expect', () => {
    const d = scan(desk, '6901234567890', 'tee-m', 'cap');
    expect(receiveLines(d)).toEqual([
      { skuCode: 'TEE-M', quantity: 2, condition: 'resellable' },
      { skuCode: 'CAP', quantity: 1, condition: 'resellable' },
    ]);
    expect(take(d, 'TEE-M')).toMatchObject({ ok: false, reason: 'excess' });
    // two of the three caps came back on an earlier receipt
    expect(take(d, 'CAP')).toMatchObject({ ok: false, reason: 'excess' });
    expect(take(d, '6909999999999')).toEqual({ ok: false, reason: 'not_in_case' });
  });

  it('toggles the last unit as 次品 and back, splitting the line by condition', () => {
    const d = scan(desk, 'TEE-M', 'TEE-M');
    expect(toggleLast(desk)).toBeNull();
    const marked = toggleLast(d)!;
    expect(marked.unit.condition).toBe('defective');
    expect(receiveLines(marked.desk)).toEqual([
      { skuCode: 'TEE-M', quantity: 1, condition: 'resellable' },
      { skuCode: 'TEE-M', quantity: 1, condition: 'defective' },
    ]);
    expect(receiveLines(toggleLast(marked.desk)!.desk)).toEqual([{ skuCode: 'TEE-M', quantity: 2, condition: 'resellable' }]);
  });

  it('names what is still short of what the case expects back', () => {
    expect(shortLines(scan(desk, 'TEE-M')).map((s) => [s.line.skuCode, s.short])).toEqual([
      ['TEE-M', 1],
      ['CAP', 1],
    ]);
    expect(shortLines(scan(desk, 'TEE-M', 'TEE-M', 'CAP'))).toEqual([]);
  });
});
