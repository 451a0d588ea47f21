import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSetting, readSetting } from '../src/platform/settings';
import { createTestApp, type Client, type TestApp } from './harness';

const maxWidgets = defineSetting({ key: 'test.maxWidgets', label: '测试上限', schema: z.number().int().min(1), defaultValue: 3 });
/** A setting apart for the refusals, so the default above is still unset whenever its test runs. */
const maxGadgets = defineSetting({ key: 'test.maxGadgets', label: '测试上限二', schema: z.number().int().min(1), defaultValue: 3 });

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
});
afterAll(() => t.close());

describe('Idempotency-Key', () => {
  it('replays the first reply instead of running the command again', async () => {
    const body = { username: 'once', password: 'password1', displayName: '一次', roles: ['finance'] };
    const first = await admin.post('/api/v1/users', body, { 'idempotency-key': 'k-1' });
    const again = await admin.post('/api/v1/users', body, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const list = await admin.get('/api/v1/users?q=once');
    expect(list.body.total).toBe(1);
  });

  it('refuses a key reused for a different request', async () => {
    await admin.post('/api/v1/users', { username: 'twice', password: 'password1', displayName: '二', roles: ['finance'] }, { 'idempotency-key': 'k-2' });
    const res = await admin.patch('/api/v1/users/1', { displayName: 'x' });
    expect(res.status).toBe(200);
    const reused = await admin.request('PATCH', '/api/v1/users/1', { displayName: 'y' }, { 'idempotency-key': 'k-2' });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('refuses the same key sent again with a different body', async () => {
    const body = { username: 'keyed', password: 'password1', displayName: '同键', roles: ['finance'] };
    expect((await admin.post('/api/v1/users', body, { 'idempotency-key': 'k-body' })).status).toBe(201);
    const changed = await admin.post('/api/v1/users', { ...body, username: 'keyed2' }, { 'idempotency-key': 'k-body' });
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('idempotency_key_reused');
    expect((await admin.get('/api/v1/users?q=keyed2')).body.total).toBe(0);
  });

  it('does not store a failed command, so a retry can succeed', async () => {
    expect((await admin.post('/api/v1/users', { username: 'taken', password: 'password1', displayName: '已有', roles: ['finance'] })).status).toBe(201);
    const bad = await admin.post('/api/v1/users', { username: 'taken', password: 'password1', displayName: 'dup', roles: ['finance'] }, { 'idempotency-key': 'k-3' });
    expect(bad.status).toBe(409);
    const good = await admin.post('/api/v1/users', { username: 'thrice', password: 'password1', displayName: '三', roles: ['finance'] }, { 'idempotency-key': 'k-3' });
    expect(good.status).toBe(201);
  });
});

describe('settings', () => {
  it('read their default until changed, and record who changed them', async () => {
    expect(await readSetting(t.ctx(), maxWidgets)).toBe(3);
    const res = await admin.put('/api/v1/settings', { 'test.maxWidgets': 7 });
    expect(res.status).toBe(200);
    expect(res.body.values['test.maxWidgets']).toBe(7);
    expect(await readSetting(t.ctx(), maxWidgets)).toBe(7);
  });

  it('reject an invalid value or an unknown key, naming it, and change nothing', async () => {
    expect((await admin.put('/api/v1/settings', { 'test.maxGadgets': 7 })).status).toBe(200);
    const bad = await admin.put('/api/v1/settings', { 'test.maxGadgets': 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('test.maxGadgets');
    const unknown = await admin.put('/api/v1/settings', { 'test.maxGadgets': 9, 'no.such': 1 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0].path).toBe('no.such');
    expect(await readSetting(t.ctx(), maxGadgets)).toBe(7);
  });

  it('may be changed only by an admin', async () => {
    const supervisor = await t.signIn(['supervisor']);
    expect((await supervisor.get('/api/v1/settings')).status).toBe(200);
    expect((await supervisor.put('/api/v1/settings', { 'test.maxWidgets': 5 })).status).toBe(403);
  });
});

describe('audit', () => {
  it('records who changed what, before and after, with the request id', async () => {
    const created = await admin.post('/api/v1/users', { username: 'audited', password: 'password1', displayName: '审计', roles: ['finance'] });
    await admin.request('PATCH', `/api/v1/users/${created.body.id}`, { roles: ['finance', 'operations'] }, { 'x-request-id': 'req-42' });
    const events = await admin.get(`/api/v1/users/${created.body.id}/events`);
    const update = events.body.items.find((e: { action: string }) => e.action === 'user.update');
    expect(update).toMatchObject({ actorId: admin.userId, requestId: 'req-42' });
    expect(update.before.roles).toEqual(['finance']);
    expect(update.after.roles).toEqual(['finance', 'operations']);
  });

  it('rolls back with the action it describes', async () => {
    expect((await admin.post('/api/v1/users', { username: 'rolled.back', password: 'password1', displayName: '回滚', roles: ['finance'] })).status).toBe(201);
    const before = await t.deps.database.query('SELECT count(*)::int AS n FROM audit_events');
    const failed = await admin.post('/api/v1/users', { username: 'rolled.back', password: 'password1', displayName: 'dup', roles: ['finance'] });
    expect(failed.status).toBe(409);
    const after = await t.deps.database.query('SELECT count(*)::int AS n FROM audit_events');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
