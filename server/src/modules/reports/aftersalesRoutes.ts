import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context';
import { sendExport, type ExportFile, type ExportFormat } from '../../platform/exports';
import { query } from '../../platform/http';
import { errorReply } from '../../platform/model';
import * as registers from './aftersales';
import {
  aftersalesRegisterQuery,
  aftersalesRegisterReply,
  complaintStatsQuery,
  complaintStatsReply,
  refundStatsQuery,
  refundStatsReply,
  returnReasonsQuery,
  returnReasonsReply,
  returnsRegisterQuery,
  returnsRegisterReply,
} from './model';

type WithFormat = { format?: ExportFormat };

/** A register's route: JSON for the screen, or with `format=xlsx|csv` the whole selection as a file. */
function registerRoute<Q extends WithFormat>(
  app: FastifyInstance,
  path: string,
  summary: string,
  querystring: z.ZodType<Q>,
  reply: z.ZodType,
  json: (ctx: Ctx, q: Q) => Promise<unknown>,
  file: (ctx: Ctx, q: Q & { format: ExportFormat }) => ExportFile | Promise<ExportFile>,
) {
  app.get(
    `/api/v1/reports/${path}`,
    {
      config: { permission: 'aftersales.read' },
      schema: { tags: ['reports'], summary, querystring, response: { 200: reply.describe('JSON；带 format 时为 xlsx 或 CSV（UTF-8 带 BOM）文件，不分页'), 400: errorReply, 422: errorReply } },
    },
    async (request, res) => {
      const q = request.query as Q;
      return q.format ? sendExport(res, await file(query(request), { ...q, format: q.format })) : json(query(request), q);
    },
  );
}

export const aftersalesReportRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, 'aftersales-register', '售后登记（某一天处于处理中的售后单，直至完结）', aftersalesRegisterQuery, aftersalesRegisterReply, registers.aftersalesRegister, registers.exportAftersalesRegister);
  registerRoute(app, 'returns', '退货登记表（日期范围内签收的退货，每个货号一行）', returnsRegisterQuery, returnsRegisterReply, registers.returnsRegister, registers.exportReturnsRegister);
  registerRoute(app, 'return-reasons', '退货原因汇总表（按周或按月：原因、单数、占比）', returnReasonsQuery, returnReasonsReply, registers.returnReasons, registers.exportReturnReasons);
  registerRoute(app, 'complaints', '投诉统计（客诉率、解决率：按店铺、按投诉类别）', complaintStatsQuery, complaintStatsReply, registers.complaintStats, registers.exportComplaintStats);
  registerRoute(app, 'refunds', '每日退款统计（按日、按退款原因）', refundStatsQuery, refundStatsReply, registers.refundStats, registers.exportRefundStats);
};
