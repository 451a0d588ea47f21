import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../platform/exports';
import { command, created, ok, query, send } from '../../platform/http';
import { errorReply, idParams, timelineSchema } from '../../platform/model';
import { addressChangeBody, addressParseBody, bulkApproveBody, bulkApproveResultSchema, createOrderBody, holdPresetsReply, orderCountsQuery, orderCountsReply, orderExportQuery, optionalReasonBody, orderDetailSchema, orderListQuery, orderListReply, parsedAddressSchema, paymentBody, reasonBody, remarkBody, revealQuery, skuChangeBody, skuOptionsQuery, skuOptionsReply } from './model';
import { parseAddress } from './addressParse';
import { countOrdersByStatus, listOrders } from './list';
import { exportOrders } from './listExport';
import * as actions from './actions';
import * as detail from './detail';
import * as edits from './edits';
import * as intake from './intake';
import * as review from './review';
import { UNDO_APPROVE_SECONDS } from './rules';
import { remindPayment } from './unpaid';
import { STAFF_ACTION_PERMISSIONS } from './states';

const tags = ['orders'];
const detailReplies = { 200: orderDetailSchema, 404: errorReply, 409: errorReply, 422: errorReply };

export const orderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/orders',
    {
      config: { permission: 'orders.create' },
      schema: {
        tags,
        summary: '创建订单（同一店铺的平台订单号重复提交时返回已有订单，状态码 200）',
        body: createOrderBody,
        response: { 201: orderDetailSchema, 200: orderDetailSchema, 409: errorReply, 422: errorReply },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await command(request, async (ctx) => {
          const result = await intake.createOrder(ctx, request.body);
          return result.replayed ? ok(result.order) : created(result.order);
        }),
      ),
  );

  // Reads nothing and changes nothing: no transaction, nothing to audit.
  app.post(
    '/api/v1/addresses/parse',
    {
      config: { permission: 'orders.create' },
      schema: { tags, summary: '智能识别：从买家发来的文字中识别收货人、电话与地址（识别不到的字段为 null）', body: addressParseBody, response: { 200: parsedAddressSchema, 400: errorReply } },
    },
    async (request) => parseAddress(request.body.text),
  );

  app.get('/api/v1/orders', { config: { permission: 'orders.read' }, schema: { tags, summary: '订单列表与搜索', querystring: orderListQuery, response: { 200: orderListReply, 400: errorReply } } }, async (request) =>
    listOrders(query(request), request.query),
  );

  app.get(
    '/api/v1/orders/counts',
    {
      config: { permission: 'orders.read' },
      schema: { tags, summary: '订单列表各状态的单数（与列表相同的筛选条件，不含状态；每个状态最多数到 10000）', querystring: orderCountsQuery, response: { 200: orderCountsReply, 400: errorReply } },
    },
    async (request) => countOrdersByStatus(query(request), request.query),
  );

  app.get(
    '/api/v1/orders/export',
    {
      config: { permission: 'orders.read' },
      schema: {
        tags,
        summary: '导出订单列表（format=xlsx 或 csv，按列表的筛选条件和排序导出全部订单，不分页；买家信息与列表一样脱敏）',
        querystring: orderExportQuery,
        response: { 200: z.any().describe('xlsx 或 CSV（UTF-8 带 BOM）文件'), 400: errorReply, 422: errorReply },
      },
    },
    async (request, reply) => sendExport(reply, await exportOrders(query(request), request.query)),
  );

  app.get(
    '/api/v1/orders/:id',
    {
      config: { permission: 'orders.read' },
      schema: { tags, summary: '订单详情（买家信息默认脱敏；reveal=1 需要 customers.pii.reveal 并留痕）', params: idParams, querystring: revealQuery, response: { 200: orderDetailSchema, 403: errorReply, 404: errorReply } },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (request.query.reveal !== '1') return detail.getOrder(query(request), id);
      return send(reply, await command(request, async (ctx) => ok(await detail.revealOrder(ctx, id))));
    },
  );

  app.get(
    '/api/v1/orders/:id/events',
    { config: { permission: 'orders.read' }, schema: { tags, summary: '订单操作记录', params: idParams, response: { 200: z.object({ items: timelineSchema }), 404: errorReply } } },
    async (request) => ({ items: await detail.orderEvents(query(request), request.params.id) }),
  );

  app.post(
    '/api/v1/orders/:id/payments',
    { config: { permission: STAFF_ACTION_PERMISSIONS.pay }, schema: { tags, summary: '登记付款（付清后自动审单）', params: idParams, body: paymentBody, response: detailReplies } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await review.recordPayment(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/orders/:id/approve',
    { config: { permission: STAFF_ACTION_PERMISSIONS.approve }, schema: { tags, summary: '审核通过', params: idParams, response: detailReplies } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await review.approveOrder(ctx, request.params.id)))),
  );

  app.post(
    '/api/v1/orders/:id/undo-approve',
    {
      config: { permission: STAFF_ACTION_PERMISSIONS.approve },
      schema: {
        tags,
        summary: `撤销审核（仅审核人本人、审核通过后 ${UNDO_APPROVE_SECONDS} 秒内、且其间订单没有其他操作；回到审核前的状态）`,
        params: idParams,
        response: detailReplies,
      },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await review.undoApproval(ctx, request.params.id)))),
  );

  app.get(
    '/api/v1/orders/hold-presets',
    { config: { permission: STAFF_ACTION_PERMISSIONS.hold }, schema: { tags, summary: '挂起常用原因（主管在设置中维护）', response: { 200: holdPresetsReply } } },
    async (request) => ({ items: await review.holdPresets(query(request)) }),
  );

  app.post(
    '/api/v1/orders/bulk-approve',
    {
      config: { permission: STAFF_ACTION_PERMISSIONS.approve },
      schema: { tags, summary: '批量审核通过（逐单处理，失败的单独列出）', body: bulkApproveBody, response: { 200: z.object({ items: z.array(bulkApproveResultSchema) }) } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok({ items: await review.approveOrders(ctx, request.body.ids) }))),
  );

  app.post(
    '/api/v1/orders/:id/hold',
    { config: { permission: STAFF_ACTION_PERMISSIONS.hold }, schema: { tags, summary: '挂起', params: idParams, body: reasonBody, response: detailReplies } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await review.holdOrder(ctx, request.params.id, request.body.reason)))),
  );

  app.post(
    '/api/v1/orders/:id/release',
    { config: { permission: STAFF_ACTION_PERMISSIONS.release }, schema: { tags, summary: '解除挂起（回到挂起前的状态）', params: idParams, response: detailReplies } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await review.releaseOrder(ctx, request.params.id)))),
  );

  app.post(
    '/api/v1/orders/:id/cancel',
    { config: { permission: STAFF_ACTION_PERMISSIONS.cancel }, schema: { tags, summary: '取消订单（审核驳回也用此接口），释放占用库存', params: idParams, body: reasonBody, response: detailReplies } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await actions.cancelOrder(ctx, request.params.id, request.body.reason)))),
  );

  app.post(
    '/api/v1/orders/:id/close',
    { config: { permission: STAFF_ACTION_PERMISSIONS.close }, schema: { tags, summary: '关闭未付款订单（记入未付款明细表），释放占用库存', params: idParams, body: optionalReasonBody, response: detailReplies } },
    async (request, reply) =>
      send(reply, await command(request, async (ctx) => ok(await actions.closeOrder(ctx, request.params.id, request.body.reason ?? '手动关闭')))),
  );

  app.post(
    '/api/v1/orders/:id/remarks',
    {
      config: { permission: 'orders.remark' },
      schema: { tags, summary: '添加备注与旗帜（绿旗挂起订单）', params: idParams, body: remarkBody, response: { 201: orderDetailSchema, 404: errorReply, 409: errorReply } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await actions.addRemark(ctx, request.params.id, request.body)))),
  );

  app.patch(
    '/api/v1/orders/:id/address',
    {
      config: { permission: 'orders.edit' },
      schema: { tags, summary: '改地址（按手工录入校验；配货中的订单先拦截包裹，回到待发货重新配货）', params: idParams, body: addressChangeBody, response: detailReplies },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await edits.changeAddress(ctx, request.params.id, request.body)))),
  );

  app.get(
    '/api/v1/orders/:id/sku-options',
    { config: { permission: 'orders.read' }, schema: { tags, summary: '改规格可选的规格（同一商品，含订单发货仓的可用库存）', params: idParams, querystring: skuOptionsQuery, response: { 200: skuOptionsReply, 404: errorReply, 422: errorReply } } },
    async (request) => ({ items: await edits.skuOptions(query(request), request.params.id, request.query.lineId) }),
  );

  app.post(
    '/api/v1/orders/:id/change-sku',
    {
      config: { permission: 'orders.edit' },
      schema: { tags, summary: '改规格（同一商品的其他规格，配货前；库存在同一仓库重新占用，价格不变）', params: idParams, body: skuChangeBody, response: detailReplies },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await edits.changeLineSku(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/orders/:id/remind-payment',
    { config: { permission: 'orders.remind' }, schema: { tags, summary: '催付（经消息队列提醒买家付款；同一订单 30 分钟内只催一次，可在设置中调整）', params: idParams, response: detailReplies } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await remindPayment(ctx, request.params.id)))),
  );
};
