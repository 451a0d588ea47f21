import { sql } from 'drizzle-orm';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/client';
import { loggableError } from '../src/platform/logging';
import { createTestApp, type Client, type TestApp } from './harness';

/** Headers, what the log keeps, which endpoints are open, and the data folder (docs/security.md). */
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn(['admin']);
});
afterAll(() => t.close());

describe('response headers', () => {
  it('forbid inline and foreign scripts, framing, sniffing and cross-site referrers', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // served over plain HTTP on a shop's network: nothing may be upgraded to HTTPS behind its back
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });
});

describe('open endpoints', () => {
  it('serve /metrics and the API docs only when SHOPFLOW_OPEN_ENDPOINTS lists them', async () => {
    const closed = await buildApp({ ...t.deps, config: { ...t.deps.config, openEndpoints: [] } }, { logger: false, serveWeb: false });
    try {
      for (const url of ['/metrics', '/api/docs', '/api/openapi.json']) expect((await closed.inject({ url })).statusCode, url).toBe(404);
    } finally {
      await closed.close();
    }
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(200);
    expect(() => loadConfig({ SHOPFLOW_SECRET: 'x', SHOPFLOW_OPEN_ENDPOINTS: 'metrics,admin' })).toThrow(/SHOPFLOW_OPEN_ENDPOINTS/);
  });
});

describe('the log', () => {
  it('keeps no phone, nick or search text from a URL', async () => {
    const lines: string[] = [];
    const logged = await buildApp({ ...t.deps, config: { ...t.deps.config, logLevel: 'info' } }, { serveWeb: false, logStream: { write: (line) => lines.push(line) } });
    try {
      await logged.inject({ url: '/api/v1/orders?phone=13912345678&nick=kiki_buyer&q=张三&page=2', headers: { authorization: `Bearer ${admin.token}` } });
    } finally {
      await logged.close();
    }
    const text = lines.join('\n');
    expect(text).toContain('/api/v1/orders?phone=***&nick=***&q=***&page=2');
    for (const secret of ['13912345678', 'kiki_buyer', encodeURIComponent('张三'), admin.token]) expect(text).not.toContain(secret);
  });

  it('keeps a failed statement without its parameters or the values the database quotes', async () => {
    const longName = `secret-${'x'.repeat(200)}`;
    const failure = await t.deps.database.db
      .execute(sql`INSERT INTO login_failures (username, address, at) VALUES (${longName}, 'a', now())`)
      .then(() => null, (err: unknown) => err);
    const entry = JSON.stringify(loggableError(failure));
    expect(entry).toContain('login_failures_bounded');
    expect(entry).toContain('INSERT INTO login_failures');
    expect(entry).not.toContain('secret-');
  });
});

describe('the embedded data folder', () => {
  it('is its owner\'s alone: the folder 0700, no file readable by group or others', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sf-data-')), 'data');
    const config = loadConfig({ SHOPFLOW_DATA_DIR: dir });
    const database = await openDatabase({ dataDir: config.dataDir });
    await database.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const open = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => (statSync(path.join(dir, f)).mode & 0o077) !== 0);
    expect(open).toEqual([]);
    expect(readdirSync(dir)).toContain('secret.key');
  });
});
