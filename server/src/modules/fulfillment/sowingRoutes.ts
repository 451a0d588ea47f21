import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, ok, query, refusedKeeping, send, type ErrorBody } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import { scanBody, sowingWallSchema, sowResultSchema, type SowResult } from './model';
import { scanSow, sowingWall } from './sowing';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };

/** The sowing wall (播种墙) of a multi-item wave: the wall as it stands, and one scan per unit (registered by fulfillment's routes). */
export const sowingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/waves/:id/sowing',
    {
      config: { permission: 'fulfillment.read' },
      schema: { tags: ['fulfillment'], summary: '播种墙（每个格位的订单、商品已播/应播、是否已满或已拦截）', params: idParams, response: { 200: sowingWallSchema, 404: errorReply, 409: errorReply } },
    },
    async (request) => sowingWall(query(request), request.params.id),
  );

  app.post(
    '/api/v1/waves/:id/sowing',
    {
      config: { permission: 'fulfillment.manage' },
      schema: {
        tags: ['fulfillment'],
        summary: '播种：扫一件商品，放入第一个还缺它的格位；错货、多货、已拦截、已在验货、未拣货确认拒收并留记录',
        params: idParams,
        body: scanBody,
        response: { 200: sowResultSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await command<SowResult | ErrorBody>(request, async (ctx) => {
          const scanned = await scanSow(ctx, request.params.id, request.body.barcode);
          return 'refused' in scanned ? refusedKeeping(scanned.refused) : ok(scanned);
        }),
      ),
  );
};
