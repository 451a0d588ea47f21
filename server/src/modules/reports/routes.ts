import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../platform/exports';
import { query } from '../../platform/http';
import { errorReply } from '../../platform/model';
import { shippingReportQuery, shippingReportReply, unpaidRegisterExportQuery, unpaidRegisterQuery, unpaidRegisterReply, workbenchReply } from './model';
import { exportUnpaidRegister, unpaidRegister, workbench } from './service';
import { exportShippingReport, shippingReport } from './shipping';
import { movementListQuery, movementListReply } from './stockLedgerModel';
import { listMovements } from './stockLedgerReadModel';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/workbench',
    { config: { permission: 'dashboard.read' }, schema: { tags: ['reports'], summary: '工作台待办', response: { 200: workbenchReply } } },
    async (request) => workbench(query(request)),
  );

  // Inventory's ledger with the order numbers it refers to: a read across modules, so it lives here.
  app.get(
    '/api/v1/inventory/movements',
    { config: { permission: 'inventory.read' }, schema: { tags: ['inventory'], summary: '库存流水（新→旧，含每笔后的结存）', querystring: movementListQuery, response: { 200: movementListReply } } },
    async (request) => listMovements(query(request), request.query),
  );

  app.get(
    '/api/v1/reports/unpaid-register',
    {
      config: { permission: 'orders.read' },
      schema: { tags: ['reports'], summary: '未付款明细表', querystring: unpaidRegisterQuery, response: { 200: unpaidRegisterReply } },
    },
    async (request) => unpaidRegister(query(request), request.query),
  );

  app.get(
    '/api/v1/reports/unpaid-register/export',
    {
      config: { permission: 'orders.read' },
      schema: {
        tags: ['reports'],
        summary: '导出未付款明细表（format=xlsx 或 csv，按筛选条件导出全部记录，不分页）',
        querystring: unpaidRegisterExportQuery,
        response: { 200: z.any().describe('xlsx 或 CSV（UTF-8 带 BOM）文件'), 422: errorReply },
      },
    },
    async (request, reply) => sendExport(reply, await exportUnpaidRegister(query(request), request.query)),
  );

  app.get(
    '/api/v1/reports/shipping',
    {
      config: { permission: 'orders.read' },
      schema: {
        tags: ['reports'],
        summary: '发货信息报表（某一天发出的包裹，按店铺所在时区；format=xlsx 或 csv 时导出当天全部记录，不分页）',
        querystring: shippingReportQuery,
        response: { 200: shippingReportReply.describe('分页 JSON；带 format 时为 xlsx 或 CSV（UTF-8 带 BOM）文件'), 422: errorReply },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      if (format) return sendExport(reply, await exportShippingReport(query(request), { ...filter, format }));
      return shippingReport(query(request), request.query);
    },
  );
};
