import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, ok, query, refusedKeeping, send, type ErrorBody } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import { parcelLookupQuery, parcelSchema, shipBody, waitingCountsQuery, waitingCountsReply, waitingListQuery, waitingListReply, weighBody, weightOverrideBody, type Parcel } from './model';
import { parcelByScan } from './parcels';
import { shipParcel } from './shipping';
import { waitingCounts, waitingList } from './waitingReadModel';
import { overrideWeight, repackParcel, weighParcel } from './weighing';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };

/** The parcel after packing: what waits at each station, found by a scan, weighed (称重), packed again, let go by a supervisor, shipped (发货). */
export const parcelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/parcels',
    {
      config: { permission: 'fulfillment.read' },
      schema: {
        tags: ['fulfillment'],
        summary: '待处理包裹：待验货（波次中未封箱的订单）、待称重、待发货，等得最久的在前；q 为订单号或快递单号（整号或尾号）',
        querystring: waitingListQuery,
        response: { 200: waitingListReply, 400: errorReply },
      },
    },
    async (request) => waitingList(query(request), request.query),
  );

  app.get(
    '/api/v1/parcels/counts',
    {
      config: { permission: 'fulfillment.read' },
      schema: { tags: ['fulfillment'], summary: '待验货、待称重、待发货各有多少（与工作台同一口径；带 q 时为搜到的）', querystring: waitingCountsQuery, response: { 200: waitingCountsReply, 400: errorReply } },
    },
    async (request) => waitingCounts(query(request), request.query.q),
  );

  app.get(
    '/api/v1/parcels/lookup',
    {
      config: { permission: 'fulfillment.read' },
      schema: {
        tags: ['fulfillment'],
        summary: '扫描找包裹（快递单号或订单号；已拦截的答 409 intercepted）',
        querystring: parcelLookupQuery,
        response: { 200: parcelSchema, 404: errorReply, 409: errorReply },
      },
    },
    async (request) => parcelByScan(query(request), request.query.scan),
  );

  app.post(
    '/api/v1/parcels/:id/weigh',
    {
      config: { permission: 'fulfillment.manage' },
      schema: {
        tags: ['fulfillment'],
        summary: '称重（克）：超出允许误差答 409 weight_mismatch，并留下这次称重',
        params: idParams,
        body: weighBody,
        response: { 200: parcelSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await command<Parcel | ErrorBody>(request, async (ctx) => {
          const weighed = await weighParcel(ctx, request.params.id, request.body.grams);
          return 'refused' in weighed ? refusedKeeping(weighed.refused) : ok(weighed);
        }),
      ),
  );

  app.post(
    '/api/v1/parcels/:id/repack',
    {
      config: { permission: 'fulfillment.manage' },
      schema: { tags: ['fulfillment'], summary: '重新打包：包裹回到验货中，商品重新扫描', params: idParams, response: { 200: parcelSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await repackParcel(ctx, request.params.id)))),
  );

  app.post(
    '/api/v1/parcels/:id/weight-override',
    {
      config: { permission: 'fulfillment.override' },
      schema: { tags: ['fulfillment'], summary: '称重放行（主管，需填写原因）', params: idParams, body: weightOverrideBody, response: { 200: parcelSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await overrideWeight(ctx, request.params.id, request.body.reason)))),
  );

  app.post(
    '/api/v1/parcels/:id/ship',
    {
      config: { permission: 'fulfillment.manage' },
      schema: { tags: ['fulfillment'], summary: '发货（快递公司 + 扫描的快递单号）', params: idParams, body: shipBody, response: { 200: parcelSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await shipParcel(ctx, request.params.id, request.body)))),
  );
};
