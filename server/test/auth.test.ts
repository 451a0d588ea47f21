import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/platform/clock';
import { expectStatus } from './factories';
import { anonymous, createTestApp, type Client, type TestApp } from './harness';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
});
afterAll(() => t.close());

/** A user this test made itself, so it holds whatever order the tests run in. */
const makeUser = async (username: string, roles: string[], password = 'secret-pass') =>
  expectStatus(await admin.post('/api/v1/users', { username, password, displayName: username, roles }), 201);

describe('sign-in', () => {
  it('returns a token and the user with their permissions', async () => {
    await admin.post('/api/v1/users', { username: 'xiaocai', password: 'secret-pass', displayName: '小蔡', roles: ['cs_presale'] });
    const res = await anonymous(t.app).post('/api/v1/auth/login', { username: 'xiaocai', password: 'secret-pass' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'xiaocai', displayName: '小蔡', roles: ['cs_presale'] });
    expect(res.body.user.permissions).toContain('orders.review');
    expect(res.body.user.permissions).not.toContain('inventory.adjust');
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${res.body.token}` } });
    expect(me.json().username).toBe('xiaocai');
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    await makeUser('xiaozhou', ['cs_presale']);
    const res = await anonymous(t.app).post('/api/v1/auth/login', { username: 'xiaozhou', password: 'nope' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
    const unknown = await anonymous(t.app).post('/api/v1/auth/login', { username: 'nobody', password: 'nope' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(res.body.error.message);
  });

  it('names the missing field when the body is incomplete', async () => {
    const res = await anonymous(t.app).post('/api/v1/auth/login', { username: 'xiaocai' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('password');
    expect(res.body.error.message).toMatch(/^请求内容有误：password /);
    expect(res.body.error.message).not.toMatch(/Invalid|expected/);
  });
});

describe('tokens', () => {
  it('expire after the configured time', async () => {
    const client = await t.signIn(['finance']);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    t.clock.advance(12 * 60 * MINUTE + 1);
    const res = await client.get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    admin = await t.signIn(['admin']); // the shared admin's token expired with the clock too
  });

  it('can be revoked by signing out', async () => {
    const client = await t.signIn(['finance']);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('are revoked when an admin deactivates the user', async () => {
    const client = await t.signIn(['operations']);
    expect((await admin.patch(`/api/v1/users/${client.userId}`, { active: false })).status).toBe(200);
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('are required on every API route but the public ones', async () => {
    const res = await anonymous(t.app).get('/api/v1/users');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});

describe('users', () => {
  it('may hold several roles and gain the union of their permissions', async () => {
    const both = await t.signIn(['warehouse', 'finance']);
    const me = await both.get('/api/v1/auth/me');
    expect(me.body.permissions).toEqual(expect.arrayContaining(['inventory.receive', 'orders.pay']));
  });

  it('are managed only by an admin', async () => {
    const cs = await t.signIn(['cs_presale']);
    const res = await cs.post('/api/v1/users', { username: 'sneaky', password: 'password1', displayName: 'x', roles: ['admin'] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('refuses a taken username and an unknown role, naming the field', async () => {
    await makeUser('xiaoqian', ['finance']);
    const dup = await admin.post('/api/v1/users', { username: 'xiaoqian', password: 'password1', displayName: 'x', roles: ['finance'] });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].path).toBe('username');
    const bad = await admin.post('/api/v1/users', { username: 'newbie', password: 'password1', displayName: 'x', roles: ['boss'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('roles.0');
  });

  it('lists with a filter and pagination', async () => {
    const [first, second] = [await makeUser('listed.a', ['cs_presale']), await makeUser('listed.b', ['cs_presale', 'finance'])];
    await makeUser('listed.c', ['finance']);
    const page = async (n: number) => expectStatus(await admin.get(`/api/v1/users?q=listed.&role=cs_presale&pageSize=1&page=${n}`), 200);
    const res = await page(1);
    expect(res.items).toHaveLength(1);
    expect(res.total).toBe(2);
    expect(res.items[0].roles).toContain('cs_presale');
    expect([res.items[0].id, (await page(2)).items[0].id]).toEqual([first.id, second.id]);
  });

  it('never returns password hashes', async () => {
    const res = await admin.get('/api/v1/users?pageSize=200');
    expect(JSON.stringify(res.body)).not.toContain('argon2');
  });
});
