import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { query } from '../../platform/http';
import { unpaidRegisterQuery, unpaidRegisterReply, workbenchReply } from './model';
import { unpaidRegister, workbench } from './service';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/workbench',
    { config: { permission: 'dashboard.read' }, schema: { tags: ['reports'], summary: '工作台待办', response: { 200: workbenchReply } } },
    async (request) => workbench(query(request)),
  );

  app.get(
    '/api/v1/reports/unpaid-register',
    {
      config: { permission: 'orders.read' },
      schema: { tags: ['reports'], summary: '未付款明细表', querystring: unpaidRegisterQuery, response: { 200: unpaidRegisterReply } },
    },
    async (request) => unpaidRegister(query(request), request.query),
  );
};
