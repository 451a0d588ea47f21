import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, ok, query, refusedKeeping, send, type ErrorBody } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import { openSessionBody, pickProgressSchema, pickScanBody, shelvingScanBody, shelvingSchema, shortPickBody, shortPickReply, type PickProgress } from './model';
import { scanPick } from './picking';
import * as shelving from './shelving';
import { reportShortPick } from './shortPicks';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };

/** Pick confirmation, short picks and return to shelf (registered by fulfillment's routes). */
export const pickingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/waves/:id/picks',
    {
      config: { permission: 'fulfillment.manage' },
      schema: {
        tags: ['fulfillment'],
        summary: '拣货扫描（先扫库位，再扫商品；错货、多拣、非本波次库位拒收并留记录）',
        params: idParams,
        body: pickScanBody,
        response: { 200: pickProgressSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await command<PickProgress | ErrorBody>(request, async (ctx) => {
          const scanned = await scanPick(ctx, request.params.id, request.body);
          return 'refused' in scanned ? refusedKeeping(scanned.refused) : ok(scanned);
        }),
      ),
  );

  app.post(
    '/api/v1/waves/:id/short-picks',
    {
      config: { permission: 'fulfillment.manage' },
      schema: {
        tags: ['fulfillment'],
        summary: '报缺货（库位实物少于配货单：记录库存差异，拣不齐的订单退回审单）',
        params: idParams,
        body: shortPickBody,
        response: { 200: shortPickReply, ...writeErrors },
      },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await reportShortPick(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/fulfillment/shelving',
    {
      config: { permission: 'fulfillment.manage' },
      schema: { tags: ['fulfillment'], summary: '拦截订单回库（扫发货单上的订单号：放回哪些商品、放到哪个库位）', body: openSessionBody, response: { 200: shelvingSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await shelving.openShelving(ctx, request.body.scan)))),
  );

  app.post(
    '/api/v1/fulfillment/shelving/:id/scans',
    {
      config: { permission: 'fulfillment.manage' },
      schema: { tags: ['fulfillment'], summary: '回库扫描（先扫库位，再扫商品；全部放回即完成）', params: idParams, body: shelvingScanBody, response: { 200: shelvingSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await shelving.scanShelving(ctx, request.params.id, request.body)))),
  );

  app.get(
    '/api/v1/fulfillment/shelving/:id',
    { config: { permission: 'fulfillment.read' }, schema: { tags: ['fulfillment'], summary: '回库单', params: idParams, response: { 200: shelvingSchema, 404: errorReply } } },
    async (request) => shelving.getShelving(query(request), request.params.id),
  );
};
