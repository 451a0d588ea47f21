import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { command, ok, query } from '../http';
import { errorReply, idParams } from '../model';
import { deadListQuery, deadListReply, listDead, outboxMessageSchema, retryDead } from './deadLetters';

/** The dead-letter view of the outbox (系统设置 → 消息投递). */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/outbox/dead',
    { config: { permission: 'outbox.read' }, schema: { tags: ['outbox'], summary: '投递失败、已停止重试的消息（死信）', querystring: deadListQuery, response: { 200: deadListReply } } },
    async (request) => listDead(query(request), request.query),
  );

  app.post(
    '/api/v1/outbox/:id/retry',
    {
      config: { permission: 'outbox.retry' },
      schema: { tags: ['outbox'], summary: '重新投递一条死信（已送达的渠道不重复发送）', params: idParams, response: { 200: outboxMessageSchema, 404: errorReply, 409: errorReply } },
    },
    async (request) => (await command(request, async (ctx) => ok(await retryDead(ctx, request.params.id)))).body,
  );
};
