import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus, makeOrder, makeShop, orderInput, seedCatalog } from './factories';

let t: TestApp;
let admin: Client;
let cs: Client;
let finance: Client;
let catalog: Awaited<ReturnType<typeof seedCatalog>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
  cs = await t.signIn(['cs_aftersale']);
  finance = await t.signIn(['finance']);
  catalog = await seedCatalog(admin, { skuCount: 1, stock: 100 });
});
afterAll(() => t.close());

const input = (overrides: Record<string, unknown> = {}) => orderInput(catalog.shop.code, catalog.skus, overrides);
const customerOf = async (order: { customerId: number }) => expectStatus(await cs.get(`/api/v1/customers/${order.customerId}`), 200);

describe('customer matching at order intake', () => {
  it('matches a returning buyer by shop + nick, keeping the latest contact details', async () => {
    const first = await makeOrder(cs, input({ buyer: { nick: 'tb_regular', name: '刘一', phone: '13311112222' } }));
    const second = await makeOrder(cs, input({ buyer: { nick: 'tb_regular', name: '刘一', phone: '13333334444' } }));
    expect(second.customerId).toBe(first.customerId);
    expect((await customerOf(second)).phone).toBe('133****4444');
    const { rows: created } = await t.deps.database.query(`SELECT actor_id, after FROM audit_events WHERE action = 'customer.create' AND entity_id = $1`, [String(first.customerId)]);
    expect(created).toEqual([{ actor_id: cs.userId, after: { shopId: catalog.shop.id, nick: 'tb_regular' } }]);
    const { rows: updated } = await t.deps.database.query(`SELECT actor_id, after FROM audit_events WHERE action = 'customer.update' AND entity_id = $1`, [String(first.customerId)]);
    expect(updated).toEqual([{ actor_id: cs.userId, after: { source: 'order', nick: 'tb_regular', replaced: ['name', 'phone', 'address'] } }]);
  });

  it('matches a buyer without a nick by phone, and a later nick sticks to that customer', async () => {
    const byPhone = await makeOrder(cs, input({ buyer: { name: '钱二', phone: '13355556666' } }));
    const again = await makeOrder(cs, input({ buyer: { name: '钱二', phone: '+86 133 5555 6666' } }));
    expect(again.customerId).toBe(byPhone.customerId);
    const withNick = await makeOrder(cs, input({ buyer: { nick: 'qian_er', name: '钱二', phone: '13355556666' } }));
    expect(withNick.customerId).toBe(byPhone.customerId);
    expect((await customerOf(withNick)).nick).toBe('qian_er');
  });

  it('prefers the nick match over a customer without a nick who has the same phone', async () => {
    const phoneOnly = await makeOrder(cs, input({ buyer: { name: '周五', phone: '13322223333' } }));
    const nicked = await makeOrder(cs, input({ buyer: { nick: 'zhou_wu', name: '周五', phone: '13344445555' } }));
    const both = await makeOrder(cs, input({ buyer: { nick: 'zhou_wu', name: '周五', phone: '13322223333' } }));
    expect(both.customerId).toBe(nicked.customerId);
    expect(both.customerId).not.toBe(phoneOnly.customerId);
  });

  it('keeps different buyers and different shops apart', async () => {
    const a = await makeOrder(cs, input({ buyer: { nick: 'buyer_a', name: '孙三', phone: '13377778888' } }));
    const b = await makeOrder(cs, input({ buyer: { nick: 'buyer_b', name: '李四', phone: '13399990000' } }));
    expect(b.customerId).not.toBe(a.customerId);
    const otherShop = await makeShop(admin, { defaultWarehouseCode: catalog.warehouses[0].code });
    const elsewhere = await makeOrder(cs, orderInput(otherShop.code, catalog.skus, { buyer: { nick: 'buyer_a', name: '孙三', phone: '13377778888' } }));
    expect(elsewhere.customerId).not.toBe(a.customerId);
  });
});

describe('customer record', () => {
  it('holds the personal data encrypted and answers it masked', async () => {
    const order = await makeOrder(cs, input({ buyer: { nick: 'private', name: '周五', phone: '13412345678' }, address: { province: '江苏省', city: '南京市', district: '玄武区', detail: '中山路 1 号' } }));
    const customer = await customerOf(order);
    expect(customer).toMatchObject({ nick: 'private', name: '周*', phone: '134****5678', address: '江苏省****', blacklisted: false, piiRevealed: false });
    const { rows } = await t.deps.database.query('SELECT name_enc, phone_enc, address_enc FROM customers WHERE id = $1', [order.customerId]);
    expect(JSON.stringify(rows)).not.toMatch(/周五|13412345678|中山路/);
  });

  it('is revealed with customers.pii.reveal, audited, and refused without it', async () => {
    const order = await makeOrder(cs, input({ buyer: { nick: 'reveal_customer', name: '吴六', phone: '13412340000' } }));
    const revealed = expectStatus(await cs.get(`/api/v1/customers/${order.customerId}?reveal=1`), 200);
    expect(revealed).toMatchObject({ name: '吴六', phone: '13412340000', piiRevealed: true });
    const { rows } = await t.deps.database.query(`SELECT actor_id FROM audit_events WHERE action = 'customer.pii.reveal' AND entity_id = $1`, [String(order.customerId)]);
    expect(rows).toEqual([{ actor_id: cs.userId }]);
    const finance = await t.signIn(['finance']);
    expect((await finance.get(`/api/v1/customers/${order.customerId}`)).status).toBe(200);
    expect((await finance.get(`/api/v1/customers/${order.customerId}?reveal=1`)).status).toBe(403);
  });

  it('is blacklisted and cleared by customer service with a reason, not by operations', async () => {
    const order = await makeOrder(cs, input());
    const on = expectStatus(await cs.post(`/api/v1/customers/${order.customerId}/blacklist`, { blacklisted: true, reason: '多次恶意拒收' }), 200);
    expect(on.blacklisted).toBe(true);
    const off = expectStatus(await cs.post(`/api/v1/customers/${order.customerId}/blacklist`, { blacklisted: false, reason: '误加' }), 200);
    expect(off.blacklisted).toBe(false);
    const ops = await t.signIn(['operations']);
    expect((await ops.post(`/api/v1/customers/${order.customerId}/blacklist`, { blacklisted: true, reason: 'x' })).status).toBe(403);
    expect((await cs.post(`/api/v1/customers/${order.customerId}/blacklist`, { blacklisted: true })).status).toBe(400);
  });

  it('keeps holding a blacklisted phone when the buyer comes back under a new nick', async () => {
    const bad = await makeOrder(cs, input({ buyer: { nick: 'refuser', name: '钱七', phone: '13566667777' } }));
    expectStatus(await cs.post(`/api/v1/customers/${bad.customerId}/blacklist`, { blacklisted: true, reason: '多次恶意拒收' }), 200);
    // A fresh nick with a fresh phone becomes its own customer; then the same nick orders with the blacklisted phone.
    await makeOrder(cs, input({ buyer: { nick: 'fresh_face', name: '钱七', phone: '13588889999' } }));
    const back = await makeOrder(cs, input({ buyer: { nick: 'fresh_face', name: '钱七', phone: '13566667777' } }));
    expect(back.customerId).not.toBe(bad.customerId);
    const paid = expectStatus(await finance.post(`/api/v1/orders/${back.id}/payments`, { amount: back.total, method: 'alipay' }), 200);
    expect(paid.status).toBe('on_hold');
    expect(paid.holdReasons.map((r: { rule: string }) => r.rule)).toContain('blacklist');
  });

  it('answers 404 for an unknown customer', async () => {
    expect((await cs.get('/api/v1/customers/999999')).status).toBe(404);
  });
});
