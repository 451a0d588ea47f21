import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('every route', () => {
  it('declares the permission it needs', () => {
    expect(t.app.declaredRoutes.length).toBeGreaterThan(5);
    const missing = t.app.declaredRoutes.filter((r) => !r.permission);
    expect(missing).toEqual([]);
  });

  it('is public only when it is meant to be', () => {
    const publicApi = t.app.declaredRoutes.filter((r) => r.permission === 'public' && r.url.startsWith('/api/v1'));
    expect(publicApi.map((r) => r.url)).toEqual(['/api/v1/auth/login']);
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
