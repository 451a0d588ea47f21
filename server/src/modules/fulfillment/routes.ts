import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, created, ok, query, refusedKeeping, send, type ErrorBody } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import { documentRoutes } from './documents/routes';
import { createWaveBody, openSessionBody, parcelSchema, pickListSchema, scanBody, splitBody, waveDetailSchema, waveListQuery, waveListReply, type Parcel } from './model';
import * as packing from './packing';
import { mergeRoutes } from './mergeRoutes';
import { parcelRoutes } from './parcelRoutes';
import { pickingRoutes } from './pickingRoutes';
import { singlesRoutes } from './singlesRoutes';
import { sowingRoutes } from './sowingRoutes';
import { wavePickList } from './pickList';
import * as service from './service';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };

export const fulfillmentRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(mergeRoutes);
  await app.register(parcelRoutes);
  await app.register(pickingRoutes);
  await app.register(singlesRoutes);
  await app.register(sowingRoutes);

  app.get(
    '/api/v1/waves',
    { config: { permission: 'fulfillment.read' }, schema: { tags: ['fulfillment'], summary: '波次列表', querystring: waveListQuery, response: { 200: waveListReply } } },
    async (request) => service.listWaves(query(request), request.query),
  );

  app.post(
    '/api/v1/waves',
    {
      config: { permission: 'fulfillment.manage' },
      schema: { tags: ['fulfillment'], summary: '创建波次（按条件取已审核待发货订单，进入配货中）', body: createWaveBody, response: { 201: waveDetailSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await service.createWave(ctx, request.body)))),
  );

  app.get(
    '/api/v1/waves/:id',
    { config: { permission: 'fulfillment.read' }, schema: { tags: ['fulfillment'], summary: '波次详情（含订单与播种格位）', params: idParams, response: { 200: waveDetailSchema, 404: errorReply } } },
    async (request) => service.getWave(query(request), request.params.id),
  );

  app.get(
    '/api/v1/waves/:id/pick-list',
    {
      config: { permission: 'fulfillment.read' },
      schema: { tags: ['fulfillment'], summary: '波次配货单（按货号汇总，按库位路线排序）', params: idParams, response: { 200: pickListSchema, 404: errorReply } },
    },
    async (request) => wavePickList(query(request), request.params.id),
  );

  // ---- packing (验货) ----
  app.post(
    '/api/v1/packing/sessions',
    { config: { permission: 'fulfillment.manage' }, schema: { tags: ['fulfillment'], summary: '开始验货（扫发货单上的订单号）', body: openSessionBody, response: { 200: parcelSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await packing.openSession(ctx, request.body.scan)))),
  );

  app.post(
    '/api/v1/packing/sessions/:id/scans',
    {
      config: { permission: 'fulfillment.manage' },
      schema: { tags: ['fulfillment'], summary: '验货扫描一件商品（错货、多货拒收并留记录）', params: idParams, body: scanBody, response: { 200: parcelSchema, ...writeErrors } },
    },
    async (request, reply) =>
      send(
        reply,
        await command<Parcel | ErrorBody>(request, async (ctx) => {
          const scanned = await packing.scanItem(ctx, request.params.id, request.body.barcode);
          return 'refused' in scanned ? refusedKeeping(scanned.refused) : ok(scanned);
        }),
      ),
  );

  app.post(
    '/api/v1/packing/sessions/:id/complete',
    { config: { permission: 'fulfillment.manage' }, schema: { tags: ['fulfillment'], summary: '验货完成，封箱', params: idParams, response: { 200: parcelSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await packing.completeSession(ctx, request.params.id)))),
  );

  app.post(
    '/api/v1/packing/sessions/:id/split',
    {
      config: { permission: 'fulfillment.manage' },
      schema: {
        tags: ['fulfillment'],
        summary: '拆单：已扫的商品先封箱，其余商品留待下一个包裹（需填写原因）',
        params: idParams,
        body: splitBody,
        response: { 200: parcelSchema, ...writeErrors },
      },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await packing.splitSession(ctx, request.params.id, request.body.reason)))),
  );

  app.get(
    '/api/v1/parcels/:id',
    { config: { permission: 'fulfillment.read' }, schema: { tags: ['fulfillment'], summary: '包裹详情', params: idParams, response: { 200: parcelSchema, 404: errorReply } } },
    async (request) => packing.getParcel(query(request), request.params.id),
  );

  await app.register(documentRoutes);
};
