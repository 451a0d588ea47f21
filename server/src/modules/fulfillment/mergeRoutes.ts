import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { command, created, ok, query, send } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import { mergeableOrders, mergeBody, mergeGroupSchema, mergeOrders, orderSummarySchema } from '../orders';
import { unmergeBeforePacking } from './merging';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };
const tags = ['orders'];

/**
 * 合单 on the order page. Registered by fulfillment, which knows whether a group's parcel was begun
 * (an unmerge is refused then); the merge itself is the orders module's.
 */
export const mergeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/orders/:id/mergeable',
    {
      config: { permission: 'orders.read' },
      schema: { tags, summary: '可合单的订单（同一买家、同一收货地址、同一店铺和仓库，已审核未进波次）', params: idParams, response: { 200: z.object({ items: z.array(orderSummarySchema) }), 404: errorReply } },
    },
    async (request) => ({ items: await mergeableOrders(query(request), request.params.id) }),
  );

  app.post(
    '/api/v1/orders/merge',
    { config: { permission: 'orders.review' }, schema: { tags, summary: '合单：多个订单合成一个包裹发货（每个订单留痕）', body: mergeBody, response: { 201: mergeGroupSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await mergeOrders(ctx, request.body.orderIds)))),
  );

  app.post(
    '/api/v1/orders/:id/unmerge',
    {
      config: { permission: 'orders.review' },
      schema: { tags, summary: '取消合单（包裹开始验货前）', params: idParams, response: { 200: orderSummarySchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await unmergeBeforePacking(ctx, request.params.id)))),
  );
};
