import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyPluginCallback, type FastifyPluginOptions, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { existsSync, readFileSync } from 'node:fs';
import { catalogRoutes } from './modules/catalog';
import { inventoryRoutes, warehouseIdByCode } from './modules/inventory';
import { customerRoutes } from './modules/customers';
import { followOrders, fulfillmentRoutes, registerTrackingSearch } from './modules/fulfillment';
import { aftersalesJobs, aftersalesRoutes, claimRoutes } from './modules/aftersales';
import { logisticsJobs, logisticsRoutes } from './modules/logistics';
import { orderJobs, orderRoutes } from './modules/orders';
import { authJobs } from './platform/auth/jobs';
import { authRoutes } from './platform/auth/routes';
import type { Deps } from './platform/context';
import { AppError } from './platform/errors';
import { outboxRoutes } from './platform/delivery/routes';
import { fileRoutes } from './platform/fileRoutes';
import { preferenceRoutes } from './platform/preferenceRoutes';
import { authHook, errorHandler, jsonKeepingRawBody, verifySignedRequest } from './platform/http';
import { refuseUnstorableInput } from './platform/inputGuard';
import { logSerializers } from './platform/logging';
import type { JobDefinition } from './platform/jobs';
import { maintenanceJobs } from './platform/maintenance';
import { systemRoutes } from './platform/systemRoutes';
import { aftersalesReportRoutes, reportRoutes } from './modules/reports';

// Validation messages in Chinese: they reach shop staff through the web app.
z.config(z.locales.zhCN());

// Higher modules' guards and followers of lower modules' moves, wired once for every process (server, worker, CLI).
followOrders();
registerTrackingSearch();

/** Every module's HTTP surface, registered in this order. */
export const moduleRoutes: FastifyPluginAsyncZod[] = [systemRoutes, authRoutes, catalogRoutes(warehouseIdByCode), inventoryRoutes, orderRoutes, fulfillmentRoutes, logisticsRoutes, aftersalesRoutes, claimRoutes, customerRoutes, reportRoutes, aftersalesReportRoutes, outboxRoutes, fileRoutes, preferenceRoutes];

/** Every module's background jobs (main.ts adds the outbox's, which need the configured channels). */
export const moduleJobs: JobDefinition[] = [...authJobs, ...orderJobs, ...logisticsJobs, ...aftersalesJobs, ...maintenanceJobs];

/**
 * The web app keeps its sign-in token in localStorage: no script but its own files may run, and no
 * other site may frame it. Ant Design writes its styles at run time, hence inline styles only.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Shops serve it over plain HTTP on their own network: upgrading its requests to HTTPS would break it.
  upgradeInsecureRequests: null,
};

export interface AppOptions {
  logger?: boolean;
  /** Where the log goes instead of stdout (tests read it). */
  logStream?: { write(line: string): void };
  /** Serve the built web app from config.webDist when it exists. */
  serveWeb?: boolean;
}

export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: deps.config.logLevel, serializers: logSerializers, ...(opts.logStream && { stream: opts.logStream }) },
    trustProxy: deps.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    ajv: { customOptions: { coerceTypes: false } },
    bodyLimit: 20 * 1024 * 1024,
  });
  app.decorate('deps', deps);
  app.decorateRequest('actor', null as never);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const registered: RouteOptions[] = [];
  const declared: FastifyInstance['declaredRoutes'] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    registered.push(route);
  });
  app.addHook('onRequest', authHook(app));
  app.addHook('preValidation', verifySignedRequest);
  app.addHook('preValidation', refuseUnstorableInput);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonKeepingRawBody(app));

  await app.register(fastifyHelmet, { contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY }, frameguard: { action: 'deny' }, referrerPolicy: { policy: 'same-origin' } });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'ShopFlow API', version: '1.0.0', description: '电商后台：订单、库存、仓储、售后。金额单位均为分（整数）。' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  if (deps.config.openEndpoints.includes('docs')) {
    await app.register(publicPlugin(fastifySwaggerUi), { routePrefix: '/api/docs' });
    app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
  }

  for (const routes of moduleRoutes) await app.register(routes);

  const webDist = deps.config.webDist;
  const serveWeb = opts.serveWeb !== false && existsSync(`${webDist}/index.html`);
  // Client-side routes (/orders/123) all answer the app's shell page.
  const indexHtml = serveWeb ? readFileSync(`${webDist}/index.html`) : null;
  if (serveWeb) {
    await app.register(publicPlugin(fastifyStatic), { root: webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.includes('.');
    if (indexHtml && isPage) return reply.type('text/html; charset=utf-8').send(indexHtml);
    throw new AppError(404, 'route_not_found', `没有这个接口：${request.method} ${request.url.split('?')[0]}`);
  });

  await app.ready();
  declared.push(...registered.map((r) => ({ method: String(r.method), url: r.url, permission: r.config?.permission })));
  const unguarded = declared.filter((r) => !r.permission);
  if (unguarded.length > 0) throw new Error(`Routes without a permission: ${unguarded.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  return app;
}

/** Third-party plugins that serve static assets (docs UI, the web app) are public by nature. */
function publicPlugin<O extends FastifyPluginOptions>(plugin: FastifyPluginAsync<O> | FastifyPluginCallback<O>): FastifyPluginAsync<O> {
  return async (scope, opts) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, permission: 'public' };
    });
    await scope.register(plugin as FastifyPluginAsync<O>, opts);
  };
}
