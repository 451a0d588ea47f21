import { DEMO_WAREHOUSES, seededRandom, type Random } from '../../server/src/demo/fixtures';
import type { Api } from './client';
import { runLoad, statusSummary } from './load';
import { orderBody, type OrderBody } from './shopData';

/** The warehouse the two shops below send from: the benches' waves are made there. */
export const benchWarehouseCode = DEMO_WAREHOUSES[0].code;

/**
 * Paid orders of the shops sending from the first warehouse, shaped by `shape` (its lines'
 * quantities), created through the API 8 at a time until `wanted` are approved (审核 passes most
 * of them; the rest wait in review). Returns how many were created.
 */
export async function approvedOrders(api: Api, wanted: number, seed: number, shape: (body: OrderBody, random: Random) => void): Promise<number> {
  const random = seededRandom(seed);
  let approved = 0;
  let n = 0;
  while (approved < wanted) {
    const batch = Array.from({ length: wanted - approved }, () => {
      const body = { ...orderBody(random, ++n), shopCode: n % 2 === 0 ? 'tmall-flagship' : 'jd-official' };
      shape(body, random);
      const total = body.items.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0) + body.shippingFee - body.discount;
      return { ...body, payment: { amount: total, method: body.paymentMethod } };
    });
    const result = await runLoad({ concurrency: 8, maxCount: batch.length, maxMs: 600_000 }, [201], async (i) => {
      const reply = await api.request('POST', '/api/v1/orders', batch[i]);
      if (reply.body?.status === 'awaiting_fulfillment') approved++;
      return reply;
    });
    if (result.byStatus.get(201) !== batch.length) throw new Error(`orders refused: ${statusSummary(result)}`);
  }
  return n;
}
