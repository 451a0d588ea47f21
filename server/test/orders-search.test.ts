import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillSearchIndexes, createReissueOrder } from '../src/modules/orders';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeOrder, makePaidOrder, makeShippedOrder, orderInput, seedCatalog } from './factories';

/** The order list's one search box (issue 10 §1): every kind of lookup, who may run which, the backfill. */

let t: TestApp;
let admin: Client;
let cs: Client;
let packer: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;
let kiki: any;
let masked: any;
let other: any;

const input = (overrides: Record<string, unknown> = {}) => orderInput(catalog.shop.code, catalog.skus, overrides);
const search = async (client: Client, q: string) => expectStatus(await client.get(`/api/v1/orders?q=${encodeURIComponent(q)}`), 200);
const found = async (q: string, client = cs) => (await search(client, q)).items.map((i: { orderNo: string }) => i.orderNo);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_presale']);
  packer = await t.signIn(['warehouse']);
  catalog = await seedCatalog(admin, { skuCount: 1, stock: 1000 });
  kiki = await makeOrder(cs, input({ platformOrderId: 'TB-4410027', buyer: { nick: 'KiKi小熊2024', name: '欧阳 娜娜', phone: '13512347927' } }));
  // a platform hands the seller a masked phone: its last four digits are still the buyer's
  masked = await makeOrder(cs, input({ platformOrderId: 'TB-4410028', buyer: { nick: '橘子汽水', name: '李雷', phone: '138****7927' } }));
  other = await makeOrder(cs, input({ buyer: { nick: 'momo', name: '韩梅梅', phone: '13600001111' } }));
});
afterAll(() => t.close());

describe('the order search box', () => {
  it('finds a buyer by the last 4 digits of the phone, masked phones included', async () => {
    expect(await found('7927')).toEqual([masked.orderNo, kiki.orderNo]);
    expect(await found('1111')).toEqual([other.orderNo]);
    // no phone is kept in plain text: the tail is a blind index of its own
    const [row] = (await t.deps.database.query('SELECT buyer_phone_tail_index AS tail, buyer_phone_index AS phone FROM orders WHERE id = $1', [kiki.id])).rows;
    expect(row!.tail).toMatch(/^[\w-]{32}$/);
    expect(row!.tail).not.toContain('7927');
    expect(row!.tail).not.toBe(row!.phone);
  });

  it('finds a full phone however it is written', async () => {
    for (const q of ['13512347927', '+86 135 1234 7927', '135-1234-7927', '+86-13512347927']) expect(await found(q), q).toEqual([kiki.orderNo]);
  });

  it('finds the order number, whole or its last 6+ characters, in any case', async () => {
    expect(await found(kiki.orderNo)).toEqual([kiki.orderNo]);
    expect(await found(kiki.orderNo.toLowerCase())).toEqual([kiki.orderNo]);
    expect(await found(kiki.orderNo.slice(-6))).toEqual([kiki.orderNo]);
    expect(await found(kiki.orderNo.slice(-7).toLowerCase())).toEqual([kiki.orderNo]);
    // five characters are not searched as a tail: they would match too many orders
    expect(await found(kiki.orderNo.slice(-5))).toEqual([]);
  });

  it('finds the platform order id', async () => {
    expect(await found('TB-4410027')).toEqual([kiki.orderNo]);
  });

  it('finds part of a nick from 2 characters, in any case and any script', async () => {
    expect(await found('kiki')).toEqual([kiki.orderNo]);
    expect(await found('小熊')).toEqual([kiki.orderNo]);
    expect(await found('汽水')).toEqual([masked.orderNo]);
    expect(await found('MO')).toEqual([other.orderNo]);
    expect(await found('m')).toEqual([]);
    // LIKE's wildcards are the buyer's characters, not patterns
    expect(await found('%')).toEqual([]);
    expect(await found('k_ki')).toEqual([]);
    // digits too, short of a number that names a phone, an order or a waybill
    expect(await found('02')).toEqual([kiki.orderNo]);
    expect(await found('熊2024')).toEqual([kiki.orderNo]);
    expect(await found('2024')).toEqual([]);
  });

  it('finds the receiver by full name, spaces aside', async () => {
    expect(await found('欧阳娜娜')).toEqual([kiki.orderNo]);
    expect(await found('欧阳 娜娜')).toEqual([kiki.orderNo]);
    expect(await found('李雷')).toEqual([masked.orderNo]);
    expect(await found('娜娜')).toEqual([]);
  });

  it('puts orders found by the name and by a nick holding it in one list, newest first', async () => {
    const named = await makeOrder(cs, input({ buyer: { nick: 'xr', name: '司马相如', phone: '13700003333' } }));
    t.clock.advance(60_000);
    const nicked = await makeOrder(cs, input({ buyer: { nick: '司马相如的小店', name: '王五', phone: '13700002222' } }));
    t.clock.advance(60_000);
    const again = await makeOrder(cs, input({ buyer: { nick: 'xiangru', name: '司马 相如', phone: '13700003333' } }));
    expect(await found('司马相如')).toEqual([again.orderNo, nicked.orderNo, named.orderNo]);
    // without customers.read the name is not looked up: the nick still is
    expect(await found('司马相如', packer)).toEqual([nicked.orderNo]);
  });

  it('finds an order by its parcel’s tracking number, as written on the label', async () => {
    const shipped = await makeShippedOrder({ admin, cs, packer });
    const spaced = shipped.trackingNo.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(await found(shipped.trackingNo)).toEqual([shipped.order.orderNo]);
    expect(await found(spaced)).toEqual([shipped.order.orderNo]);
    expect((await search(cs, shipped.trackingNo)).searchedAs).toContain('tracking_no');
  });

  it('says what it searched for when nothing is found', async () => {
    const nothing = await search(cs, '0000');
    expect(nothing).toMatchObject({ items: [], total: 0 });
    // a number of 4+ digits is a phone's, an order's or a waybill's: nicks only whole
    expect(nothing.searchedAs).toEqual(['order_no', 'platform_order_id', 'phone_tail', 'nick']);
    expect((await search(cs, 'zz')).searchedAs).toEqual(['order_no', 'platform_order_id', 'receiver_name', 'nick_part']);
    expect((await search(cs, '13900000000')).searchedAs).toEqual(['order_no', 'order_no_tail', 'platform_order_id', 'phone', 'nick']);
    expect(expectStatus(await cs.get('/api/v1/orders'), 200).searchedAs).toBeNull();
  });

  it('keeps phone and name lookups from roles that only see the shipping label', async () => {
    for (const q of ['7927', '13512347927', '欧阳娜娜']) expect(await found(q, packer), q).toEqual([]);
    expect((await search(packer, '7927')).searchedAs).toEqual(['order_no', 'platform_order_id', 'nick']);
    expect(await found('kiki', packer)).toEqual([kiki.orderNo]);
    expect(await found(kiki.orderNo.slice(-6), packer)).toEqual([kiki.orderNo]);
  });

  it('combines with the other filters, as the counts and exports built on the list filter do', async () => {
    expect(expectStatus(await cs.get(`/api/v1/orders?q=7927&status=pending_payment&shopCode=${catalog.shop.code}`), 200).total).toBe(2);
    expect(expectStatus(await cs.get('/api/v1/orders?q=7927&flag=red'), 200).total).toBe(0);
  });
});

describe('search indexes of orders written before them', () => {
  it('are filled by the backfill job, in batches, and copied to a reissue order', async () => {
    const old = await makePaidOrder(cs, input({ buyer: { nick: 'old_buyer', name: '王小二', phone: '13700005555' } }));
    // as migration 0036 leaves every earlier row
    await t.deps.database.query('UPDATE orders SET buyer_phone_tail_index = NULL, buyer_name_index = NULL, buyer_nick_pieces = NULL, search_indexed = false');
    expect(await found('5555')).toEqual([]);
    expect(await found('王小二')).toEqual([]);
    expect(await found('d_buy')).toEqual([]);
    expect(await found('old_buyer')).toEqual([old.orderNo]); // the whole nick needs no backfill

    const reissue = await t.tx((ctx) =>
      createReissueOrder(ctx, { sourceOrderId: old.id, caseNo: 'AS-TEST-1', lines: [{ skuId: catalog.skus[0]!.id, skuCode: catalog.skus[0]!.code, productName: '补发', spec: '', quantity: 1 }] }),
    );
    const [waiting] = (await t.deps.database.query('SELECT count(*)::int AS n FROM orders WHERE NOT search_indexed')).rows;
    expect(waiting!.n).toBeGreaterThanOrEqual(5); // the reissue waits with its source

    expect(await backfillSearchIndexes(t.deps, { batchSize: 2, maxBatches: 1 })).toBe(2);
    expect(await found('7927')).toEqual([masked.orderNo, kiki.orderNo]); // the oldest first
    expect(await found('5555')).toEqual([]);
    expect(await backfillSearchIndexes(t.deps, { batchSize: 2 })).toBe((waiting!.n as number) - 2);
    expect(await found('5555')).toEqual([reissue.orderNo, old.orderNo]);
    expect(await found('王小二')).toEqual([reissue.orderNo, old.orderNo]);
    expect(await found('D_BUY')).toEqual([reissue.orderNo, old.orderNo]);
    expect(await backfillSearchIndexes(t.deps)).toBe(0);
  });
});
