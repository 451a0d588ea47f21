import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, created, ok, query, send } from '../../../platform/http';
import { errorReply, idParams } from '../../../platform/model';
import { labelPdf } from './labelPdf';
import { loadWaybillsBody, pdfReply, waybillLoadReply, waybillStockReply } from './model';
import { packingSlipsPdf } from './packingSlipsPdf';
import { pickListPdf } from './pickListPdf';
import { asciiFileName } from './pdf';
import * as prints from './prints';
import * as waybills from './waybills';

/**
 * Printed documents and the waybill pool. A print is a GET that writes (its audit event, a label's
 * waybill number), so it runs as a command; the PDF is drawn after the transaction commits.
 */

const printErrors = { 400: errorReply, 404: errorReply, 409: errorReply };

function sendPdf(reply: FastifyReply, fileName: string, pdf: Buffer) {
  return reply.header('content-disposition', `inline; filename="${asciiFileName(fileName)}"`).type('application/pdf').send(pdf);
}

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/waves/:id/pick-list.pdf',
    {
      config: { permission: 'fulfillment.manage' },
      schema: { tags: ['fulfillment'], summary: '打印配货单（PDF，按库位路线；每次打印记入日志，补打注明）', params: idParams, response: { 200: pdfReply, ...printErrors } },
    },
    async (request, reply) => {
      const { body } = await command(request, async (ctx) => ok(await prints.printPickList(ctx, request.params.id)));
      return sendPdf(reply, `${body.pickList.wave.waveNo}-pick-list.pdf`, await pickListPdf(body));
    },
  );

  app.get(
    '/api/v1/waves/:id/packing-slips.pdf',
    {
      config: { permission: 'fulfillment.manage' },
      schema: { tags: ['fulfillment'], summary: '打印波次的发货单（PDF，每单一页，已拦截的不打；补打注明）', params: idParams, response: { 200: pdfReply, ...printErrors } },
    },
    async (request, reply) => {
      const { body } = await command(request, async (ctx) => ok(await prints.printPackingSlips(ctx, request.params.id)));
      return sendPdf(reply, `${body.wave.waveNo}-packing-slips.pdf`, await packingSlipsPdf(body));
    },
  );

  app.get(
    '/api/v1/parcels/:id/label.pdf',
    {
      config: { permission: 'fulfillment.manage' },
      schema: {
        tags: ['fulfillment'],
        summary: '打印快递单（PDF，100×150 mm；首次打印从面单号池分配单号，补打用原单号）',
        params: idParams,
        response: { 200: pdfReply, ...printErrors },
      },
    },
    async (request, reply) => {
      const { body } = await command(request, async (ctx) => ok(await prints.printLabel(ctx, request.params.id)));
      return sendPdf(reply, `${body.trackingNo}-label.pdf`, await labelPdf(body));
    },
  );

  app.post(
    '/api/v1/waybills',
    {
      config: { permission: 'fulfillment.manage' },
      schema: {
        tags: ['fulfillment'],
        summary: '导入面单号（按快递公司校验单号格式；已有的、重复的不再导入）',
        body: loadWaybillsBody,
        response: { 201: waybillLoadReply, 400: errorReply, 422: errorReply },
      },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await waybills.loadWaybills(ctx, request.body)))),
  );

  app.get(
    '/api/v1/waybills/stock',
    { config: { permission: 'fulfillment.manage' }, schema: { tags: ['fulfillment'], summary: '面单号库存（各快递公司剩余与已用）', response: { 200: waybillStockReply } } },
    async (request) => waybills.waybillStock(query(request)),
  );
};
