import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { command, ok, query, send } from './http';
import { errorReply } from './model';
import { readPreference, writePreference } from './preferences';

const params = z.object({ key: z.string().min(1).max(64).regex(/^[a-zA-Z][a-zA-Z0-9.]*$/, '偏好设置名只含字母、数字和点') });
const preferenceReply = z.object({ key: z.string(), value: z.unknown() });
const tags = ['auth'];

/** The signed-in user's own preferences: anyone may read and write their own, nobody another's. */
export const preferenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/me/preferences/:key',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '读取自己的偏好设置（未设置时为默认值）', params, response: { 200: preferenceReply, 404: errorReply } } },
    async (request) => ({ key: request.params.key, value: await readPreference(query(request), request.params.key) }),
  );

  app.put(
    '/api/v1/me/preferences/:key',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '保存自己的偏好设置（如订单列表的列）', params, body: z.object({ value: z.unknown() }), response: { 200: preferenceReply, 400: errorReply, 404: errorReply } },
    },
    async (request, reply) =>
      send(reply, await command(request, async (ctx) => ok({ key: request.params.key, value: await writePreference(ctx, request.params.key, request.body.value) }))),
  );
};
