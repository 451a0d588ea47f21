import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, created, ok, query, refusedKeeping, send, type ErrorBody } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import { closeCase, getCase, listCases, openCase } from './cases';
import { escalate, propose } from './handling';
import { receiveReturn } from './returns';
import { approveBody, caseListQuery, caseListReply, caseSchema, closeBody, createCaseBody, escalateBody, orderRefundsReply, proposeBody, receiveBody, refundBody, rejectBody, reshipBody, type Case } from './model';
import { reshipOnCase } from './reships';
import { approveRefund, refundOnCase, refundsOfOrder, rejectRefund } from './refunds';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };
const tags = ['aftersales'];

export const aftersalesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/aftersales/cases',
    { config: { permission: 'aftersales.handle' }, schema: { tags, summary: '新建售后单', body: createCaseBody, response: { 201: caseSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await openCase(ctx, request.body)))),
  );

  app.get(
    '/api/v1/aftersales/cases',
    { config: { permission: 'aftersales.read' }, schema: { tags, summary: '售后单列表（按处理时限排序）', querystring: caseListQuery, response: { 200: caseListReply, 400: errorReply } } },
    async (request) => listCases(query(request), request.query),
  );

  app.get(
    '/api/v1/aftersales/cases/:id',
    { config: { permission: 'aftersales.read' }, schema: { tags, summary: '售后单详情（含处理记录）', params: idParams, response: { 200: caseSchema, 404: errorReply } } },
    async (request) => getCase(query(request), request.params.id),
  );

  app.post(
    '/api/v1/aftersales/cases/:id/refund',
    {
      config: { permission: 'aftersales.handle' },
      schema: { tags, summary: '退款（超出客服权限时提交主管审批，答 409 approval_required）', params: idParams, body: refundBody, response: { 200: caseSchema, ...writeErrors } },
    },
    async (request, reply) =>
      send(
        reply,
        await command<Case | ErrorBody>(request, async (ctx) => {
          const outcome = await refundOnCase(ctx, request.params.id, request.body);
          return 'refused' in outcome ? refusedKeeping(outcome.refused) : ok(outcome);
        }),
      ),
  );

  app.post(
    '/api/v1/aftersales/cases/:id/reship',
    {
      config: { permission: 'aftersales.handle' },
      schema: { tags, summary: '补发：生成 0 元补发单（蓝旗，预占库存，直接待发货），经波次、拣货、验货、称重发货', params: idParams, body: reshipBody, response: { 200: caseSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await reshipOnCase(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/aftersales/cases/:id/propose',
    {
      config: { permission: 'aftersales.handle' },
      schema: { tags, summary: '记录向买家提出的方案（退货、换货方案转为待买家退回）', params: idParams, body: proposeBody, response: { 200: caseSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await propose(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/aftersales/cases/:id/escalate',
    { config: { permission: 'aftersales.handle' }, schema: { tags, summary: '升级给主管（可标为疑难，期限延至 3 天）', params: idParams, body: escalateBody, response: { 200: caseSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await escalate(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/aftersales/cases/:id/receive',
    {
      config: { permission: 'aftersales.receive' },
      schema: { tags, summary: '退货签收：登记收到的退货及状态（可二次销售入库，次品报损），算出应退金额', params: idParams, body: receiveBody, response: { 200: caseSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await receiveReturn(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/aftersales/cases/:id/approve',
    { config: { permission: 'aftersales.approve' }, schema: { tags, summary: '主管批准待审批的退款（可改金额）', params: idParams, body: approveBody, response: { 200: caseSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await approveRefund(ctx, request.params.id, request.body.amount)))),
  );

  app.post(
    '/api/v1/aftersales/cases/:id/reject',
    { config: { permission: 'aftersales.approve' }, schema: { tags, summary: '主管驳回待审批的退款', params: idParams, body: rejectBody, response: { 200: caseSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await rejectRefund(ctx, request.params.id, request.body.note)))),
  );

  app.post(
    '/api/v1/aftersales/cases/:id/close',
    { config: { permission: 'aftersales.handle' }, schema: { tags, summary: '完结售后单', params: idParams, body: closeBody, response: { 200: caseSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await closeCase(ctx, request.params.id, request.body)))),
  );

  app.get(
    '/api/v1/orders/:id/refunds',
    { config: { permission: 'aftersales.read' }, schema: { tags, summary: '订单的退款记录（退款台账）', params: idParams, response: { 200: orderRefundsReply, 404: errorReply } } },
    async (request) => refundsOfOrder(query(request), request.params.id),
  );
};
