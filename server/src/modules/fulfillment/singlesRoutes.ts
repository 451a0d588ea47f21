import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, ok, query, refusedKeeping, send, type ErrorBody } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import { parcelSchema, scanBody, singleStationSchema, waveDetailSchema, waveLookupQuery, type Parcel } from './model';
import { scanSingle, singleStation, waveByScan } from './singles';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };

/** The single-item station (一单一件): the wave found by its number, then one scan per parcel (registered by fulfillment's routes). */
export const singlesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/waves/lookup',
    {
      config: { permission: 'fulfillment.read' },
      schema: { tags: ['fulfillment'], summary: '扫描找波次（配货单上的波次号）', querystring: waveLookupQuery, response: { 200: waveDetailSchema, 404: errorReply } },
    },
    async (request) => waveByScan(query(request), request.query.scan),
  );

  app.get(
    '/api/v1/waves/:id/singles',
    {
      config: { permission: 'fulfillment.read' },
      schema: { tags: ['fulfillment'], summary: '一单一件进度（已出单、待出单、已拦截）', params: idParams, response: { 200: singleStationSchema, 404: errorReply, 409: errorReply } },
    },
    async (request) => singleStation(query(request), request.params.id),
  );

  app.post(
    '/api/v1/waves/:id/singles',
    {
      config: { permission: 'fulfillment.manage' },
      schema: {
        tags: ['fulfillment'],
        summary: '一单一件：扫一件商品，给下一个等它的订单出包裹（已打包，可打印快递单）；错货、已拦截拒收并留记录',
        params: idParams,
        body: scanBody,
        response: { 200: parcelSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await command<Parcel | ErrorBody>(request, async (ctx) => {
          const scanned = await scanSingle(ctx, request.params.id, request.body.barcode);
          return 'refused' in scanned ? refusedKeeping(scanned.refused) : ok(scanned);
        }),
      ),
  );
};
