import { describe, expect, it } from 'vitest';
import { caseRequest } from './newCase';

const order = {
  id: 7,
  items: [
    { skuCode: 'COAT-L', quantity: 2 },
    { skuCode: 'SCARF', quantity: 1 },
  ],
} as Parameters<typeof caseRequest>[0];

describe('申请售后 → the case asked of the server', () => {
  it('names only the lines given a quantity, and only the evidence uploaded or written', () => {
    const evidence = [{ note: '买家聊天：袖口起球' }, { note: '  ' }, {}, { fileId: 3, name: '袖口.jpg', note: '' }, { fileId: 4, name: '聊天.pdf', note: '聊天记录' }];
    const body = caseRequest(order, { type: 'quality', reason: '起球', quantities: [2, 0], evidence });
    expect(body).toEqual({
      orderId: 7,
      type: 'quality',
      reason: '起球',
      lines: [{ skuCode: 'COAT-L', quantity: 2 }],
      evidence: [{ note: '买家聊天：袖口起球' }, { fileId: 3 }, { fileId: 4, note: '聊天记录' }],
      noReason: false,
      shippingInsurance: false,
    });
  });

  it('sends the reported barcode only for a wrong item, and 运费险 when ticked', () => {
    const wrong = caseRequest(order, { type: 'wrong_item', reason: '发错', quantities: [1, 0], reportedBarcode: ' 6901234567892 ', shippingInsurance: true });
    expect(wrong).toMatchObject({ reportedBarcode: '6901234567892', shippingInsurance: true });
    // typed, then the type changed
    expect(caseRequest(order, { type: 'quality', reason: '起球', quantities: [1, 0], reportedBarcode: '6901234567892' })).not.toHaveProperty('reportedBarcode');
  });

  it('asks 七天无理由 only of a return or an exchange', () => {
    expect(caseRequest(order, { type: 'return_refund', reason: '不喜欢', quantities: [null, 1], noReason: true }).noReason).toBe(true);
    // ticked, then the type changed to one it does not apply to
    expect(caseRequest(order, { type: 'missing_item', reason: '少一条围巾', quantities: [0, 1], noReason: true }).noReason).toBe(false);
  });

  it('sends the damage only for a damaged parcel, and the override only when a reason was written', () => {
    expect(caseRequest(order, { type: 'damaged', reason: '外箱压坏', quantities: [1, 0], severity: 'minor', overrideReason: '  ' })).toMatchObject({ severity: 'minor' });
    expect(caseRequest(order, { type: 'damaged', reason: '外箱压坏', quantities: [1, 0], severity: 'minor' })).not.toHaveProperty('override');
    expect(caseRequest(order, { type: 'quality', reason: '起球', quantities: [1, 0], severity: 'severe', overrideReason: '老客户，主管同意' })).toMatchObject({ override: { reason: '老客户，主管同意' } });
    expect(caseRequest(order, { type: 'quality', reason: '起球', quantities: [1, 0], severity: 'severe' })).not.toHaveProperty('severity');
  });

  it('sends the category only for a complaint', () => {
    expect(caseRequest(order, { type: 'complaint', reason: '客服不回消息', quantities: [0, 0], complaintCategory: 'service' })).toMatchObject({ complaintCategory: 'service', lines: [] });
    // picked, then the type changed
    expect(caseRequest(order, { type: 'quality', reason: '起球', quantities: [1, 0], complaintCategory: 'service' })).not.toHaveProperty('complaintCategory');
  });
});
