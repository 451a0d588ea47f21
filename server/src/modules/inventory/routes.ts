import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, created, ok, query, send } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import {
  addBinsBody,
  adjustmentBody,
  alertListQuery,
  alertListReply,
  binListReply,
  countDiscrepancyBody,
  discrepancyListQuery,
  discrepancyListReply,
  discrepancySchema,
  createWarehouseBody,
  levelListQuery,
  levelListReply,
  pickBinBody,
  receiptBody,
  receiptReply,
  skuPickerQuery,
  skuPickerReply,
  stockLevelSchema,
  updateWarehouseBody,
  walkOrderBody,
  warehouseListQuery,
  warehouseListReply,
  warehouseSchema,
} from './model';
import * as discrepancies from './discrepancies';
import * as service from './service';
import * as warehouses from './warehouses';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };

export const inventoryRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---- warehouses ----
  app.get(
    '/api/v1/warehouses',
    { config: { permission: 'warehouses.read' }, schema: { tags: ['warehouses'], summary: '仓库列表', querystring: warehouseListQuery, response: { 200: warehouseListReply } } },
    async (request) => warehouses.listWarehouses(query(request), request.query),
  );

  app.post(
    '/api/v1/warehouses',
    { config: { permission: 'warehouses.manage' }, schema: { tags: ['warehouses'], summary: '新建仓库', body: createWarehouseBody, response: { 201: warehouseSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await warehouses.createWarehouse(ctx, request.body)))),
  );

  app.get('/api/v1/warehouses/:id', { config: { permission: 'warehouses.read' }, schema: { tags: ['warehouses'], params: idParams, response: { 200: warehouseSchema, 404: errorReply } } }, async (request) =>
    warehouses.getWarehouse(query(request), request.params.id),
  );

  app.patch(
    '/api/v1/warehouses/:id',
    { config: { permission: 'warehouses.manage' }, schema: { tags: ['warehouses'], summary: '修改仓库', params: idParams, body: updateWarehouseBody, response: { 200: warehouseSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await warehouses.updateWarehouse(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/warehouses/:id/bins',
    { config: { permission: 'warehouses.manage' }, schema: { tags: ['warehouses'], summary: '添加库位', params: idParams, body: addBinsBody, response: { 201: warehouseSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await warehouses.addBins(ctx, request.params.id, request.body.codes)))),
  );

  app.get(
    '/api/v1/warehouses/:id/bins',
    { config: { permission: 'warehouses.read' }, schema: { tags: ['warehouses'], summary: '库位（按拣货顺序）', params: idParams, response: { 200: binListReply, 404: errorReply } } },
    async (request) => warehouses.listBins(query(request), request.params.id),
  );

  app.put(
    '/api/v1/warehouses/:id/bins/walk-order',
    {
      config: { permission: 'warehouses.manage' },
      schema: { tags: ['warehouses'], summary: '设置拣货路线（全部库位，从先到后）', params: idParams, body: walkOrderBody, response: { 200: warehouseSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await warehouses.setWalkingOrder(ctx, request.params.id, request.body.codes)))),
  );

  // ---- stock ----
  app.post(
    '/api/v1/inventory/receipts',
    { config: { permission: 'inventory.receive' }, schema: { tags: ['inventory'], summary: '入库', body: receiptBody, response: { 201: receiptReply, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await service.receive(ctx, request.body)))),
  );

  app.post(
    '/api/v1/inventory/adjustments',
    { config: { permission: 'inventory.adjust' }, schema: { tags: ['inventory'], summary: '库存调整（主管）', body: adjustmentBody, response: { 201: stockLevelSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await service.adjust(ctx, request.body)))),
  );

  app.put(
    '/api/v1/inventory/pick-bins',
    { config: { permission: 'inventory.receive' }, schema: { tags: ['inventory'], summary: '设置 SKU 在仓库的拣货库位', body: pickBinBody, response: { 200: stockLevelSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await service.setPickBin(ctx, request.body)))),
  );

  app.get(
    '/api/v1/inventory/levels',
    { config: { permission: 'inventory.read' }, schema: { tags: ['inventory'], summary: '库存（按 SKU 与仓库）', querystring: levelListQuery, response: { 200: levelListReply } } },
    async (request) => service.listLevels(query(request), request.query),
  );

  app.get(
    '/api/v1/inventory/alerts',
    { config: { permission: 'inventory.read' }, schema: { tags: ['inventory'], summary: '补货提醒（可用低于安全库存）', querystring: alertListQuery, response: { 200: alertListReply } } },
    async (request) => service.lowStockAlerts(query(request), request.query.limit),
  );

  // ---- stock discrepancies (a pick bin found short) ----
  app.get(
    '/api/v1/inventory/discrepancies',
    {
      config: { permission: 'inventory.read' },
      schema: { tags: ['inventory'], summary: '库存差异（拣货短拣上报，待盘点）', querystring: discrepancyListQuery, response: { 200: discrepancyListReply } },
    },
    async (request) => discrepancies.listDiscrepancies(query(request), request.query),
  );

  app.post(
    '/api/v1/inventory/discrepancies/:id/count',
    {
      config: { permission: 'inventory.adjust' },
      schema: { tags: ['inventory'], summary: '库存差异盘点（全仓实盘数，按差额记盘点流水）', params: idParams, body: countDiscrepancyBody, response: { 200: discrepancySchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await discrepancies.countDiscrepancy(ctx, request.params.id, request.body)))),
  );

  // The picker needs stock beside each SKU, so it lives with the stock read models.
  app.get(
    '/api/v1/skus',
    { config: { permission: 'catalog.read' }, schema: { tags: ['catalog'], summary: 'SKU 选择（含可售库存）', querystring: skuPickerQuery, response: { 200: skuPickerReply } } },
    async (request) => service.pickSkus(query(request), request.query),
  );
};
