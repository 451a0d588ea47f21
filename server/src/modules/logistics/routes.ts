import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { command, ok, query, send, type SignedSender } from '../../platform/http';
import { errorReply, idParams, timelineSchema } from '../../platform/model';
import { SIGNATURE_HEADERS } from '../../platform/signature';
import { exceptionEvents, getException, listExceptions, recordContact, resolveException } from './exceptions';
import { importTrackingCsv } from './imports';
import {
  contactBody,
  exceptionListQuery,
  exceptionListReply,
  exceptionSchema,
  orderParcelsReply,
  parcelSearchQuery,
  parcelSearchReply,
  resolveBody,
  trackingEventsBody,
  trackingEventsReply,
  trackingImportBody,
  trackingImportReply,
} from './model';
import * as repo from './repository';
import { findParcels, orderParcels } from './timeline';
import { recordTracking } from './tracking';

const writeErrors = { 400: errorReply, 401: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };

/** A carrier or aggregator posting signed tracking events acts as this sender. */
const trackingWebhook: SignedSender = {
  secret: (deps) => deps.config.trackingSecret,
  actor: { id: null, name: '物流回调', roles: [], permissions: new Set(['tracking.write']) } satisfies Actor,
};

export const logisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/tracking/events',
    {
      config: { permission: 'tracking.write', signedBy: trackingWebhook },
      schema: {
        tags: ['logistics'],
        summary: '接收物流轨迹（快递公司/聚合平台签名回调，或员工令牌）',
        description: `签名回调：请求头 ${SIGNATURE_HEADERS.timestamp}（Unix 秒）与 ${SIGNATURE_HEADERS.signature}（sha256= 加 HMAC-SHA256(时间戳.请求体) 的十六进制，密钥 SHOPFLOW_TRACKING_SECRET）；同一签名只接受一次。`,
        body: trackingEventsBody,
        response: { 200: trackingEventsReply, ...writeErrors },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await command(request, async (ctx) => {
          const signature = request.headers[SIGNATURE_HEADERS.signature];
          const signed = request.actor === trackingWebhook.actor && typeof signature === 'string';
          if (signed && !(await repo.takeSignature(ctx, signature, ctx.clock.now()))) throw conflict('replayed', '这条签名请求已接收过（重放），未重复处理', [{ path: 'signature', message: 'replayed' }]);
          return ok(await recordTracking(ctx, request.body, signed ? 'webhook' : 'staff'));
        }),
      ),
  );

  app.post(
    '/api/v1/tracking/imports',
    {
      config: { permission: 'tracking.write' },
      schema: { tags: ['logistics'], summary: '导入物流轨迹 CSV（聚合平台导出，整份导入或整份不导入）', body: trackingImportBody, response: { 200: trackingImportReply, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await importTrackingCsv(ctx, request.body.content)))),
  );

  app.get(
    '/api/v1/orders/:id/parcels',
    { config: { permission: 'orders.read' }, schema: { tags: ['logistics'], summary: '订单的包裹与物流轨迹（查物流）', params: idParams, response: { 200: orderParcelsReply, 404: errorReply } } },
    async (request) => orderParcels(query(request), request.params.id),
  );

  app.get(
    '/api/v1/tracking/parcels',
    {
      config: { permission: 'logistics.read' },
      schema: { tags: ['logistics'], summary: '按快递单号或订单号查包裹与物流轨迹（物流跟踪）', querystring: parcelSearchQuery, response: { 200: parcelSearchReply } },
    },
    async (request) => findParcels(query(request), request.query.q),
  );

  app.get(
    '/api/v1/logistics/exceptions',
    { config: { permission: 'logistics.read' }, schema: { tags: ['logistics'], summary: '物流异常件（联系时限最早的在前）', querystring: exceptionListQuery, response: { 200: exceptionListReply } } },
    async (request) => listExceptions(query(request), request.query),
  );

  app.get(
    '/api/v1/logistics/exceptions/:id',
    { config: { permission: 'logistics.read' }, schema: { tags: ['logistics'], summary: '物流异常详情', params: idParams, response: { 200: exceptionSchema, 404: errorReply } } },
    async (request) => getException(query(request), request.params.id),
  );

  app.get(
    '/api/v1/logistics/exceptions/:id/events',
    {
      config: { permission: 'logistics.read' },
      schema: { tags: ['logistics'], summary: '物流异常的处理记录（每次联系与结果）', params: idParams, response: { 200: z.object({ items: timelineSchema }), 404: errorReply } },
    },
    async (request) => ({ items: await exceptionEvents(query(request), request.params.id) }),
  );

  app.post(
    '/api/v1/logistics/exceptions/:id/contact',
    { config: { permission: 'logistics.handle' }, schema: { tags: ['logistics'], summary: '记录联系买家', params: idParams, body: contactBody, response: { 200: exceptionSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await recordContact(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/logistics/exceptions/:id/resolve',
    { config: { permission: 'logistics.handle' }, schema: { tags: ['logistics'], summary: '记录处理结果，结束异常', params: idParams, body: resolveBody, response: { 200: exceptionSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await resolveException(ctx, request.params.id, request.body)))),
  );
};

