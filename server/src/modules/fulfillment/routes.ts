import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, created, query, send } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import { createWaveBody, waveDetailSchema, waveListQuery, waveListReply } from './model';
import * as service from './service';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };

export const fulfillmentRoutes: FastifyPluginAsyncZod = async (app) => {
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
};
