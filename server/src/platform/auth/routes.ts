import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { timeline } from '../audit';
import { command, created, ok, query, requestToken, send } from '../http';
import { errorReply, idParams, timelineSchema } from '../model';
import * as service from './service';
import { signIn } from './signIn';
import { createUserBody, loginBody, loginReply, meSchema, updateUserBody, userListQuery, userListReply, userSchema } from './model';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: { permission: 'public' },
      schema: { tags: ['auth'], summary: '登录（按账号和客户端地址限流，见 docs/security.md）', body: loginBody, response: { 200: loginReply, 401: errorReply, 429: errorReply } },
    },
    async (request) => signIn(app.deps, request.id, { ...request.body, address: request.ip }, app.deps.config.tokenTtlHours),
  );

  app.post('/api/v1/auth/logout', { config: { permission: 'authenticated' }, schema: { tags: ['auth'], summary: '退出登录' } }, async (request, reply) => {
    const token = requestToken(request);
    await command(request, async (ctx) => ok(await service.logout(ctx, token)));
    return reply.code(204).send();
  });

  app.get('/api/v1/auth/me', { config: { permission: 'authenticated' }, schema: { tags: ['auth'], summary: '当前用户', response: { 200: meSchema } } }, async (request) =>
    service.me(query(request)),
  );

  app.get('/api/v1/users', { config: { permission: 'users.read' }, schema: { tags: ['users'], querystring: userListQuery, response: { 200: userListReply } } }, async (request) =>
    service.listUsers(query(request), request.query),
  );

  app.post(
    '/api/v1/users',
    { config: { permission: 'users.manage' }, schema: { tags: ['users'], body: createUserBody, response: { 201: userSchema, 409: errorReply } } },
    async (request, reply) => send(reply, await command(request, async (ctx) => created(await service.createUser(ctx, request.body)))),
  );

  app.get('/api/v1/users/:id', { config: { permission: 'users.read' }, schema: { tags: ['users'], params: idParams, response: { 200: userSchema } } }, async (request) =>
    service.getUser(query(request), request.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    { config: { permission: 'users.manage' }, schema: { tags: ['users'], params: idParams, body: updateUserBody, response: { 200: userSchema } } },
    async (request) => (await command(request, async (ctx) => ok(await service.updateUser(ctx, request.params.id, request.body)))).body,
  );

  app.post(
    '/api/v1/users/:id/unlock',
    { config: { permission: 'users.manage' }, schema: { tags: ['users'], summary: '解除锁定', params: idParams, response: { 200: userSchema } } },
    async (request) => (await command(request, async (ctx) => ok(await service.unlockUser(ctx, request.params.id)))).body,
  );

  app.get(
    '/api/v1/users/:id/events',
    { config: { permission: 'audit.read' }, schema: { tags: ['users'], params: idParams, response: { 200: z.object({ items: timelineSchema }) } } },
    async (request) => ({ items: await timeline(query(request), 'user', request.params.id) }),
  );
};
