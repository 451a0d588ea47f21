import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, created, ok, query, send } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import { claimListQuery, claimListReply, claimSchema, openClaimBody, rejectClaimBody, settleClaimBody, submitClaimBody } from './claimModel';
import { claimOnCase, getClaim, listClaims, rejectClaim, settleClaim, submitClaim } from './claims';

const writeErrors = { 400: errorReply, 404: errorReply, 409: errorReply, 422: errorReply };
const tags = ['aftersales'];

/** Carrier claims (理赔): opened on a case, filed with the carrier, settled or rejected by it. */
export const claimRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/aftersales/cases/:id/claim',
    {
      config: { permission: 'aftersales.handle' },
      schema: { tags, summary: '向快递公司发起理赔（未填金额时按买家实付算出；同类理赔未结时答 409 claim_open）', params: idParams, body: openClaimBody, response: { 201: claimSchema, ...writeErrors } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await claimOnCase(ctx, request.params.id, request.body)))),
  );

  app.get(
    '/api/v1/aftersales/claims',
    { config: { permission: 'aftersales.read' }, schema: { tags, summary: '理赔单列表（未结的在前，最早的在前）', querystring: claimListQuery, response: { 200: claimListReply, 400: errorReply } } },
    async (request) => listClaims(query(request), request.query),
  );

  app.get(
    '/api/v1/aftersales/claims/:id',
    { config: { permission: 'aftersales.read' }, schema: { tags, summary: '理赔单详情（含处理记录）', params: idParams, response: { 200: claimSchema, 404: errorReply } } },
    async (request) => getClaim(query(request), request.params.id),
  );

  app.post(
    '/api/v1/aftersales/claims/:id/submit',
    { config: { permission: 'aftersales.handle' }, schema: { tags, summary: '登记已向快递公司提交理赔（可填快递公司理赔单号）', params: idParams, body: submitClaimBody, response: { 200: claimSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await submitClaim(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/aftersales/claims/:id/settle',
    { config: { permission: 'aftersales.handle' }, schema: { tags, summary: '登记快递公司赔付（不超过索赔金额）', params: idParams, body: settleClaimBody, response: { 200: claimSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await settleClaim(ctx, request.params.id, request.body)))),
  );

  app.post(
    '/api/v1/aftersales/claims/:id/reject',
    { config: { permission: 'aftersales.handle' }, schema: { tags, summary: '登记快递公司拒赔', params: idParams, body: rejectClaimBody, response: { 200: claimSchema, ...writeErrors } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await rejectClaim(ctx, request.params.id, request.body.note)))),
  );
};
