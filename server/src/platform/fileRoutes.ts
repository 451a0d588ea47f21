import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from './context';
import { badRequest } from './errors';
import { fileTooLarge, MAX_FILE_BYTES, readFile, storeFile } from './files';
import { query } from './http';
import { errorReply, idParams } from './model';

const storedFileSchema = z.object({ id: z.number().int(), name: z.string(), contentType: z.string(), size: z.number().int() });
const fileReply = { description: '文件内容（图片或 PDF）', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } };
const tags = ['files'];

/** Evidence uploads (`POST /api/v1/files`, multipart, one file in the field `file`) and their download. */
export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  // multipart bodies are taken by these routes only; one part past the limit answers 413
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0, parts: 1 }, throwFileSizeLimit: true });

  app.post(
    '/api/v1/files',
    {
      config: { permission: 'files.upload' },
      schema: { tags, summary: '上传凭证文件（图片或 PDF，≤ 10 MB，类型按内容判断）', consumes: ['multipart/form-data'], response: { 201: storedFileSchema, 400: errorReply, 413: errorReply, 415: errorReply } },
    },
    async (request, reply) => {
      const noFile = badRequest('validation_error', '请用 multipart/form-data 上传一个文件（字段名 file）', [{ path: 'file', message: '没有收到文件' }]);
      if (!request.isMultipart()) throw noFile;
      const part = await request.file().catch((err: { code?: string }) => {
        throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? fileTooLarge() : noFile;
      });
      if (!part || part.fieldname !== 'file') throw noFile;
      const data = await part.toBuffer().catch((err: { code?: string }) => {
        throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? fileTooLarge() : noFile;
      });
      const stored = await inTransaction(request.server.deps, request.actor, request.id, (ctx) => storeFile(ctx, part.filename, data));
      return reply.status(201).send(stored);
    },
  );

  app.get(
    '/api/v1/files/:id',
    { config: { permission: 'files.read' }, schema: { tags, summary: '查看凭证文件', params: idParams, response: { 200: fileReply, 404: errorReply } } },
    async (request, reply) => {
      const file = await readFile(query(request), request.params.id);
      return (reply as FastifyReply).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`).header('cache-control', 'private, max-age=86400').type(file.contentType).send(file.data);
    },
  );
};
