import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUnpaidOrders } from '../src/modules/orders';
import { HOUR } from '../src/platform/clock';
import { expectStatus, orderInput, receiveStock, seedCatalog } from './factories';
import { createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let admin: Client;
let receiver: Client;
let cs: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  receiver = await t.signIn(['warehouse'], 'receiver_li');
  cs = await t.signIn(['cs_presale']);
});
afterAll(() => t.close());

type PickerSku = { code: string; available: number };
const picked = async (q: string, warehouseId?: number): Promise<PickerSku> => {
  const res = expectStatus(await cs.get(`/api/v1/skus?q=${q}${warehouseId ? `&warehouseId=${warehouseId}` : ''}`), 200);
  return res.items.find((s: PickerSku) => s.code === q);
};

describe('the SKU picker of manual entry', () => {
  it("shows what the shop's warehouse has, never a sum over warehouses that intake would refuse", async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { skuCount: 1, stock: 186 });
    const [main, backup] = warehouses;
    const sku = skus[0]!;
    await receiveStock(admin, backup.code, [{ skuCode: sku.code, quantity: 113 }]);
    expect((await picked(sku.code, main.id)).available).toBe(186);
    expect((await picked(sku.code, backup.id)).available).toBe(113);
    // with no warehouse named, the most one warehouse can serve (299 would be refused)
    expect((await picked(sku.code)).available).toBe(186);
    const tooMany = await cs.post('/api/v1/orders', orderInput(shop.code, [], { items: [{ skuCode: sku.code, quantity: 187, unitPrice: sku.price }] }));
    expect(expectStatus(tooMany, 409).error.message).toContain('可用 186');
    // an order reserves in the shop's warehouse: the picker shows what is left there
    expectStatus(await cs.post('/api/v1/orders', orderInput(shop.code, [], { items: [{ skuCode: sku.code, quantity: 6, unitPrice: sku.price }] })), 201);
    expect((await picked(sku.code, main.id)).available).toBe(180);
    expect((await picked(sku.code, backup.id)).available).toBe(113);
  });

  it('shows 0 in a warehouse that holds none of the SKU, and refuses a bad warehouse id with 400', async () => {
    const { warehouses, skus } = await seedCatalog(admin, { skuCount: 1, stock: 5 });
    expect((await picked(skus[0]!.code, warehouses[1].id)).available).toBe(0);
    const bad = expectStatus(await cs.get('/api/v1/skus?warehouseId=abc'), 400);
    expect(bad.error.details[0].path).toContain('warehouseId');
  });
});

type Movement = { onHandDelta: number; reservedDelta: number; onHandAfter: number; reservedAfter: number; reason: string; orderNo: string | null; refId: string | null; actorName: string; warehouseName: string };

describe('the stock ledger', () => {
  it('shows on hand and reserved after each movement, right on every page and under a reason filter', async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { skuCount: 1, stock: 0 });
    const [main] = warehouses;
    const sku = skus[0]!;
    // 7 receipts of 1..7 units, then 3 orders of 2 units: on hand 28, reserved 6
    for (let n = 1; n <= 7; n++) await receiveStock(receiver, main.code, [{ skuCode: sku.code, quantity: n }]);
    for (let n = 0; n < 3; n++) expectStatus(await cs.post('/api/v1/orders', orderInput(shop.code, [], { items: [{ skuCode: sku.code, quantity: 2, unitPrice: sku.price }] })), 201);
    const page = async (p: number, extra = ''): Promise<{ items: Movement[]; total: number }> =>
      expectStatus(await admin.get(`/api/v1/inventory/movements?skuCode=${sku.code}&warehouseCode=${main.code}&page=${p}&pageSize=4${extra}`), 200);
    const pages = [await page(1), await page(2), await page(3)];
    expect(pages[0]!.total).toBe(10);
    const all = pages.flatMap((p) => p.items);
    expect(all).toHaveLength(10);
    // newest first: each row's balance is the next (older) row's plus its own delta
    all.forEach((m, i) => {
      const older = all[i + 1];
      expect(m.onHandAfter).toBe((older?.onHandAfter ?? 0) + m.onHandDelta);
      expect(m.reservedAfter).toBe((older?.reservedAfter ?? 0) + m.reservedDelta);
    });
    expect(all[0]).toMatchObject({ onHandAfter: 28, reservedAfter: 6, reason: 'reservation' });
    expect(all.at(-1)).toMatchObject({ onHandAfter: 1, reservedAfter: 0, reason: 'receipt', actorName: 'receiver_li', warehouseName: '华东主仓' });
    // page 2 starts where page 1 ended: 3 reservations and the 7-unit receipt, then the 6-unit one at 21
    expect(pages[1]!.items[0]).toMatchObject({ onHandAfter: 21, onHandDelta: 6 });
    const receipts = (await page(1, '&reason=receipt')).items;
    expect(receipts.map((m) => m.onHandAfter)).toEqual([28, 21, 15, 10]);
    expect((await level(sku.code, main.code)).onHand).toBe(28);
  });

  it("names the order a movement belongs to by its number, and the system's own work as 系统", async () => {
    const { shop, warehouses, skus } = await seedCatalog(admin, { skuCount: 1, stock: 10 });
    const sku = skus[0]!;
    const order = expectStatus(await cs.post('/api/v1/orders', orderInput(shop.code, [], { items: [{ skuCode: sku.code, quantity: 1, unitPrice: sku.price }] })), 201);
    // a day later the unpaid order is closed by the sweep, which releases its stock
    t.clock.advance(25 * HOUR);
    await sweepUnpaidOrders(t.deps);
    admin = await t.signIn(['admin']);
    const res = expectStatus(await admin.get(`/api/v1/inventory/movements?skuCode=${sku.code}&warehouseCode=${warehouses[0].code}`), 200);
    const [release, reservation, receipt] = res.items as Movement[];
    expect(release).toMatchObject({ reason: 'release', orderNo: order.orderNo, actorName: '系统', onHandAfter: 10, reservedAfter: 0 });
    expect(reservation).toMatchObject({ reason: 'reservation', refId: String(order.id), orderNo: order.orderNo, reservedAfter: 1 });
    expect(receipt).toMatchObject({ reason: 'receipt', orderNo: null, onHandAfter: 10 });
  });
});

async function level(skuCode: string, warehouseCode: string): Promise<{ onHand: number }> {
  const res = expectStatus(await admin.get(`/api/v1/inventory/levels?skuCode=${skuCode}&warehouseCode=${warehouseCode}`), 200);
  return res.items[0];
}
