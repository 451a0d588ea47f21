import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, moduleRoutes } from '../src/app';
import { permissionsOf, ROLES } from '../src/platform/permissions';
import { createTestApp, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('every route', () => {
  it('declares the permission it needs: the app refuses to build with one that does not, naming it', async () => {
    const plugin: FastifyPluginAsyncZod = (app) => {
      app.get('/api/v1/test/guarded', { config: { permission: 'orders.read' } }, () => ({}));
      app.post('/api/v1/test/unguarded', () => ({}));
      return Promise.resolve();
    };
    moduleRoutes.push(plugin);
    try {
      const built = buildApp(t.deps, { logger: false, serveWeb: false });
      await expect(built).rejects.toThrow(/^Routes without a permission: POST \/api\/v1\/test\/unguarded$/);
    } finally {
      moduleRoutes.splice(moduleRoutes.indexOf(plugin), 1);
    }
  });

  it('is public only when it is meant to be', () => {
    const publicApi = t.app.declaredRoutes.filter((r) => r.permission === 'public' && r.url.startsWith('/api/v1'));
    expect(publicApi.map((r) => r.url)).toEqual(['/api/v1/auth/login']);
  });
});

describe('the outbox\'s dead-letter routes', () => {
  it('are for admins and supervisors only', () => {
    const outbox = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/v1/outbox') && r.method !== 'HEAD');
    expect(outbox.map((r) => `${r.method} ${r.url} ${r.permission}`).sort()).toEqual(['GET /api/v1/outbox/dead outbox.read', 'POST /api/v1/outbox/:id/retry outbox.retry']);
    for (const permission of ['outbox.read', 'outbox.retry'] as const) {
      expect(ROLES.filter((role) => permissionsOf([role]).has(permission))).toEqual(['admin', 'supervisor']);
    }
  });
});

describe('system routes', () => {
  it('report health', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('ok');
  });

  it('serve an OpenAPI document generated from the route schemas', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
  });

  it('expose Prometheus metrics', async () => {
    await t.app.inject({ url: '/healthz' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.body).toContain('http_request_duration_seconds_bucket');
  });

  it('answer unknown API paths with a JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
  });

  it('echo the request id', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('answer malformed JSON with a 400, not a 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBeDefined();
  });
});

describe('the web app', () => {
  it('is served with its client-side routes falling back to the shell page', async () => {
    const dist = mkdtempSync(`${tmpdir()}/sf-web-`);
    writeFileSync(`${dist}/index.html`, '<html>ShopFlow shell</html>');
    writeFileSync(`${dist}/app.js`, 'console.log(1)');
    const app = await buildApp({ ...t.deps, config: { ...t.deps.config, webDist: dist } }, { logger: false });
    try {
      expect((await app.inject({ url: '/' })).body).toContain('ShopFlow shell');
      const deep = await app.inject({ url: '/orders/42' });
      expect(deep.statusCode).toBe(200);
      expect(deep.body).toContain('ShopFlow shell');
      expect((await app.inject({ url: '/app.js' })).body).toContain('console.log');
      expect((await app.inject({ url: '/api/v1/nope' })).statusCode).toBe(404);
      expect((await app.inject({ url: '/missing.js' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
