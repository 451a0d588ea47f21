import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import { command, ok, query } from './http';
import { readAllSettings, SETTING_UNITS, settingDefinitions, writeSettings, type SettingUnit } from './settings';

const settingsReply = z.object({
  values: z.record(z.string(), z.unknown()),
  definitions: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      defaultValue: z.unknown(),
      /** What a number (or a list's numbers) counts: fen, minutes, hours, days, percent, grams or count. */
      unit: z.enum(SETTING_UNITS).nullable(),
      /** The same per field of an object setting. */
      fieldUnits: z.record(z.string(), z.enum(SETTING_UNITS)),
    }),
  ),
});

const describeSettings = () =>
  settingDefinitions().map(({ key, label, defaultValue, unit, fieldUnits }) => ({ key, label, defaultValue, unit: unit ?? null, fieldUnits: (fieldUnits ?? {}) as Record<string, SettingUnit> }));

/** Health, metrics and settings: the routes that belong to no business module. */
export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/healthz', { config: { permission: 'public' }, schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok'), database: z.string() }) } } }, async () => {
    await app.deps.database.query('SELECT 1');
    return { status: 'ok' as const, database: app.deps.database.kind };
  });

  if (app.deps.config.openEndpoints.includes('metrics')) {
    app.get('/metrics', { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) => {
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    });
  }

  app.get('/api/v1/settings', { config: { permission: 'settings.read' }, schema: { tags: ['settings'], response: { 200: settingsReply } } }, async (request) => ({
    values: await readAllSettings(query(request)),
    definitions: describeSettings(),
  }));

  app.put(
    '/api/v1/settings',
    { config: { permission: 'settings.manage' }, schema: { tags: ['settings'], body: z.record(z.string(), z.unknown()), response: { 200: settingsReply } } },
    async (request) => {
      const values = (await command(request, async (ctx) => ok(await writeSettings(ctx, request.body)))).body;
      return { values, definitions: describeSettings() };
    },
  );
};
