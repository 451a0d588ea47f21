import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { command, created, ok, query, send } from '../../platform/http';
import { errorReply, idParams, timelineSchema } from '../../platform/model';
import {
  createProductBody,
  createShopBody,
  productListQuery,
  productListReply,
  productSchema,
  shopListQuery,
  shopListReply,
  shopSchema,
  skuIdParams,
  skuInput,
  skuSchema,
  updateProductBody,
  updateShopBody,
  updateSkuBody,
} from './model';
import * as service from './service';
import type { WarehouseLookup } from './service';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };

/** Shops name their default warehouse by code: `warehouseIdByCode` (inventory's, handed in by app.ts) resolves it. */
export function catalogRoutes(warehouseIdByCode: WarehouseLookup): FastifyPluginAsyncZod {
  return async (app) => {
    // ---- shops ----
    app.get('/api/v1/shops', { config: { permission: 'shops.read' }, schema: { tags: ['shops'], summary: '店铺列表', querystring: shopListQuery, response: { 200: shopListReply } } }, async (request) =>
      service.listShops(query(request), request.query),
    );

    app.post(
      '/api/v1/shops',
      { config: { permission: 'shops.manage' }, schema: { tags: ['shops'], summary: '新建店铺', body: createShopBody, response: { 201: shopSchema, ...writeErrors } } },
      async (request, reply) => send(reply, await command(request, async (ctx) => created(await service.createShop(ctx, request.body, warehouseIdByCode)))),
    );

    app.get('/api/v1/shops/:id', { config: { permission: 'shops.read' }, schema: { tags: ['shops'], params: idParams, response: { 200: shopSchema, 404: errorReply } } }, async (request) =>
      service.getShop(query(request), request.params.id),
    );

    app.patch(
      '/api/v1/shops/:id',
      { config: { permission: 'shops.manage' }, schema: { tags: ['shops'], summary: '修改店铺', params: idParams, body: updateShopBody, response: { 200: shopSchema, ...writeErrors } } },
      async (request, reply) => send(reply, await command(request, async (ctx) => ok(await service.updateShop(ctx, request.params.id, request.body, warehouseIdByCode)))),
    );

    // ---- products and SKUs ----
    app.get(
      '/api/v1/products',
      { config: { permission: 'catalog.read' }, schema: { tags: ['catalog'], summary: '商品列表', querystring: productListQuery, response: { 200: productListReply } } },
      async (request) => service.listProducts(query(request), request.query),
    );

    app.post(
      '/api/v1/products',
      { config: { permission: 'catalog.manage' }, schema: { tags: ['catalog'], summary: '新建商品（含 SKU）', body: createProductBody, response: { 201: productSchema, ...writeErrors } } },
      async (request, reply) => send(reply, await command(request, async (ctx) => created(await service.createProduct(ctx, request.body)))),
    );

    app.get('/api/v1/products/:id', { config: { permission: 'catalog.read' }, schema: { tags: ['catalog'], params: idParams, response: { 200: productSchema, 404: errorReply } } }, async (request) =>
      service.getProduct(query(request), request.params.id),
    );

    app.patch(
      '/api/v1/products/:id',
      { config: { permission: 'catalog.manage' }, schema: { tags: ['catalog'], summary: '修改商品', params: idParams, body: updateProductBody, response: { 200: productSchema, ...writeErrors } } },
      async (request, reply) => send(reply, await command(request, async (ctx) => ok(await service.updateProduct(ctx, request.params.id, request.body)))),
    );

    app.post(
      '/api/v1/products/:id/skus',
      { config: { permission: 'catalog.manage' }, schema: { tags: ['catalog'], summary: '添加 SKU', params: idParams, body: skuInput, response: { 201: skuSchema, ...writeErrors } } },
      async (request, reply) => send(reply, await command(request, async (ctx) => created(await service.addSku(ctx, request.params.id, request.body)))),
    );

    app.get(
      '/api/v1/products/:id/events',
      { config: { permission: 'catalog.read' }, schema: { tags: ['catalog'], summary: '商品操作记录', params: idParams, response: { 200: z.object({ items: timelineSchema }), 404: errorReply } } },
      async (request) => ({ items: await service.productEvents(query(request), request.params.id) }),
    );

    app.patch(
      '/api/v1/skus/:id',
      {
        config: { permission: 'catalog.manage' },
        schema: { tags: ['catalog'], summary: '修改 SKU（价格、安全库存、上下架与锁定）', params: skuIdParams, body: updateSkuBody, response: { 200: skuSchema, ...writeErrors } },
      },
      async (request, reply) => send(reply, await command(request, async (ctx) => ok(await service.updateSku(ctx, request.params.id, request.body)))),
    );
  };
}
