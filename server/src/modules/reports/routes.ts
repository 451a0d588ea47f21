import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { query } from '../../platform/http';
import { workbenchReply } from './model';
import { workbench } from './service';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/workbench',
    { config: { permission: 'dashboard.read' }, schema: { tags: ['reports'], summary: '工作台待办', response: { 200: workbenchReply } } },
    async (request) => workbench(query(request)),
  );
};
