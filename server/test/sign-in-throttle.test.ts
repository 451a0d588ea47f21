import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authJobs } from '../src/platform/auth/jobs';
import { DAY, MINUTE, SECOND } from '../src/platform/clock';
import { expectStatus } from './factories';
import { createTestApp, type TestApp } from './harness';

/** Sign-in throttling per account and per client address (docs/security.md). */
let t: TestApp;
let addressSerial = 0;
/** A client address no other test has used. */
const newAddress = () => `10.0.${Math.floor(++addressSerial / 250)}.${addressSerial % 250}`;

beforeAll(async () => {
  t = await createTestApp();
});

/** An admin signed in now: a test that moves the clock a day on ends earlier sign-ins. */
const admin = () => t.signIn(['admin']);
afterAll(() => t.close());

async function signIn(address: string, username: string, password: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: address, payload: { username, password } });
  return { status: res.statusCode, body: res.json(), retryAfter: res.headers['retry-after'] };
}

async function makeUser(username: string) {
  return expectStatus(await (await admin()).post('/api/v1/users', { username, password: 'right-pass-1', displayName: username, roles: ['warehouse'] }), 201);
}

async function failTimes(address: string, username: string, times: number) {
  for (let i = 0; i < times; i++) expect((await signIn(address, username, 'wrong')).status).toBe(401);
}

async function auditActions(entityType: string, entityId: string | number): Promise<string[]> {
  const { rows } = await t.deps.database.query('SELECT action FROM audit_events WHERE entity_type = $1 AND entity_id = $2 ORDER BY id', [entityType, String(entityId)]);
  return rows.map((r) => String(r.action));
}

describe('sign-in throttling', () => {
  it('answers an unknown username exactly as a wrong password, throttled or not', async () => {
    await makeUser('real.one');
    const address = newAddress();
    const wrong = await signIn(address, 'real.one', 'wrong');
    const unknown = await signIn(address, 'nobody.here', 'wrong');
    expect(unknown).toEqual(wrong);
    await failTimes(address, 'real.one', 4);
    await failTimes(address, 'nobody.here', 4);
    const throttledReal = await signIn(address, 'real.one', 'right-pass-1');
    const throttledUnknown = await signIn(address, 'nobody.here', 'x');
    expect(throttledReal.status).toBe(429);
    expect(throttledUnknown).toEqual(throttledReal);
  });

  it('makes the address that failed wait, while a colleague elsewhere signs in with the right password', async () => {
    await makeUser('colleague');
    const attacker = newAddress();
    await failTimes(attacker, 'colleague', 5);
    const refused = await signIn(attacker, 'colleague', 'right-pass-1');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_attempts');
    expect(refused.body.error.message).toBe('登录失败次数过多，请 30 秒后再试');
    expect(refused.retryAfter).toBe('30');
    expect((await signIn(newAddress(), 'colleague', 'right-pass-1')).status).toBe(200);
  });

  it('doubles the wait with every further failure', async () => {
    await makeUser('doubler');
    const address = newAddress();
    await failTimes(address, 'doubler', 5);
    t.clock.advance(29 * SECOND);
    expect((await signIn(address, 'doubler', 'wrong')).status).toBe(429);
    t.clock.advance(2 * SECOND);
    expect((await signIn(address, 'doubler', 'wrong')).status).toBe(401);
    expect((await signIn(address, 'doubler', 'right-pass-1')).retryAfter).toBe('60');
    t.clock.advance(61 * SECOND);
    expect((await signIn(address, 'doubler', 'right-pass-1')).status).toBe(200);
    // the right password forgets this address's failures on the account
    expect((await signIn(address, 'doubler', 'wrong')).status).toBe(401);
  });

  it('slows one address guessing many accounts, and audits the address once', async () => {
    const address = newAddress();
    for (let i = 0; i < 20; i++) expect((await signIn(address, `sprayed.${i}`, 'wrong')).status).toBe(401);
    expect((await signIn(address, 'sprayed.new', 'wrong')).status).toBe(429);
    expect((await signIn(newAddress(), 'sprayed.new', 'wrong')).status).toBe(401);
    expect(await auditActions('client_address', address)).toEqual(['auth.address_throttled']);
  });

  it('slows guesses on one account spread over many addresses, but only for the addresses that failed', async () => {
    const user = await makeUser('target');
    const addresses = Array.from({ length: 10 }, newAddress);
    for (const address of addresses) await failTimes(address, 'target', 1);
    expect((await signIn(addresses[0]!, 'target', 'right-pass-1')).status).toBe(429);
    expect(await auditActions('user', user.id)).toContain('user.sign_in_throttled');
    const shown = expectStatus(await (await admin()).get(`/api/v1/users/${user.id}`), 200);
    expect(new Date(shown.lockedUntil).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect((await signIn(newAddress(), 'target', 'right-pass-1')).status).toBe(200);
  });

  it('counts concurrent guesses one by one, so a burst cannot slip past the limit', async () => {
    await makeUser('burst');
    const address = newAddress();
    const answers = await Promise.all(Array.from({ length: 12 }, () => signIn(address, 'burst', 'wrong')));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
  });

  it('lifts the wait when an admin unlocks the account', async () => {
    const user = await makeUser('unlockme');
    const address = newAddress();
    await failTimes(address, 'unlockme', 5);
    expect((await signIn(address, 'unlockme', 'right-pass-1')).status).toBe(429);
    expectStatus(await (await admin()).post(`/api/v1/users/${user.id}/unlock`), 200);
    expect((await signIn(address, 'unlockme', 'right-pass-1')).status).toBe(200);
  });

  it('says an account is deactivated only to someone who knows its password', async () => {
    const user = await makeUser('gone');
    expectStatus(await (await admin()).patch(`/api/v1/users/${user.id}`, { active: false }), 200);
    const address = newAddress();
    expect((await signIn(address, 'gone', 'wrong')).body.error.message).toBe('用户名或密码错误');
    expect((await signIn(address, 'gone', 'right-pass-1')).body.error.message).toBe('账号已停用');
  });

  it('keeps failures a day at most', async () => {
    await failTimes(newAddress(), 'old.failure', 1);
    t.clock.advance(DAY + MINUTE);
    await authJobs.find((j) => j.name === 'auth-prune-login-failures')!.handler(t.deps, {});
    const { rows } = await t.deps.database.query(`SELECT count(*)::int AS n FROM login_failures WHERE username = 'old.failure'`);
    expect(rows[0]!.n).toBe(0);
  });
});
