import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, ok, query, send } from '../../platform/http';
import { errorReply, idParams } from '../../platform/model';
import { blacklistBody, customerQuery, customerSchema } from './model';
import * as service from './service';

export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/customers/:id',
    {
      config: { permission: 'customers.read' },
      schema: { tags: ['customers'], summary: '客户（个人信息默认脱敏；reveal=1 显示明文并留痕）', params: idParams, querystring: customerQuery, response: { 200: customerSchema, 403: errorReply, 404: errorReply } },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (request.query.reveal !== '1') return service.getCustomer(query(request), id);
      return send(reply, await command(request, async (ctx) => ok(await service.revealCustomer(ctx, id))));
    },
  );

  app.post(
    '/api/v1/customers/:id/blacklist',
    {
      config: { permission: 'customers.manage' },
      schema: { tags: ['customers'], summary: '加入或移出黑名单', params: idParams, body: blacklistBody, response: { 200: customerSchema, 404: errorReply } },
    },
    async (request, reply) => send(reply, await command(request, async (ctx) => ok(await service.setBlacklisted(ctx, request.params.id, request.body)))),
  );
};
