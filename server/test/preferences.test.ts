import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness';
import { expectStatus } from './factories';

/** Each user's own preferences: the order list's columns. */

let t: TestApp;
let cs: Client;
let warehouse: Client;

beforeAll(async () => {
  t = await createTestApp();
  cs = await t.signIn(['cs_presale']);
  warehouse = await t.signIn(['warehouse']);
});
afterAll(() => t.close());

const URL = '/api/v1/me/preferences/orders.listColumns';

describe('preferences', () => {
  it('reads the default until the user saves, then what they saved, for them alone', async () => {
    const initial = expectStatus(await cs.get(URL), 200);
    expect(initial.value.map((c: { key: string }) => c.key).slice(0, 3)).toEqual(['orderNo', 'shop', 'status']);
    expect(initial.value.every((c: { visible: boolean }) => c.visible)).toBe(true);
    const mine = [{ key: 'total', visible: true }, { key: 'orderNo', visible: true }, { key: 'phone', visible: false }];
    expect(expectStatus(await cs.put(URL, { value: mine }), 200).value).toEqual(mine);
    expect(expectStatus(await cs.get(URL), 200).value).toEqual(mine);
    expect(expectStatus(await warehouse.get(URL), 200).value).toEqual(initial.value);
  });

  it('audits a change with before and after', async () => {
    const { rows } = await t.deps.database.query(`SELECT before, after FROM audit_events WHERE action = 'preference.update' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [String(cs.userId)]);
    expect(rows[0]!.after).toEqual({ 'orders.listColumns': [{ key: 'total', visible: true }, { key: 'orderNo', visible: true }, { key: 'phone', visible: false }] });
  });

  it('refuses a value its key does not take with a 400 naming the field, and an unknown key with a 404', async () => {
    const unknownColumn = await cs.put(URL, { value: [{ key: 'secret', visible: true }] });
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.error.details[0].path).toBe('value.0.key');
    const twice = await cs.put(URL, { value: [{ key: 'phone', visible: true }, { key: 'phone', visible: false }] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain('每一列只能出现一次');
    expect((await cs.put(URL, { value: 'x' })).status).toBe(400);
    expect((await cs.get('/api/v1/me/preferences/nothing.here')).status).toBe(404);
    expect((await cs.put('/api/v1/me/preferences/bad%20key', { value: [] })).status).toBe(400);
  });

  it('needs a signed-in user', async () => {
    expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
  });
});
