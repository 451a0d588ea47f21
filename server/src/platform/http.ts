import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { authenticate } from './auth/service';
import { inTransaction, readCtx, type Actor, type Ctx, type Deps } from './context';
import { AppError, badRequest, forbidden, RetryInNewTransaction, TooManyAttempts, unauthorized, unprocessable, type ErrorDetail } from './errors';
import type { RouteAccess } from './permissions';
import { idempotencyKeys } from './schema';
import { SIGNATURE_HEADERS, signatureProblem } from './signature';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route says who may call it; app.ts refuses to register one that does not. */
    permission?: RouteAccess;
    /** Also taken signed with a shared secret instead of a staff token (a carrier's webhook); the sender then acts as `actor`. */
    signedBy?: SignedSender;
  }
  interface FastifyRequest {
    actor: Actor;
    /** The body as sent, kept for routes with `signedBy`: the signature covers these exact bytes. */
    rawBody?: string;
  }
  interface FastifyInstance {
    deps: Deps;
    /** Every route with the access it declared, for the permission test and the docs. */
    declaredRoutes: { method: string; url: string; permission: RouteAccess | undefined }[];
  }
}

export interface Reply<T> {
  status: number;
  body: T;
}
export const ok = <T>(body: T): Reply<T> => ({ status: 200, body });
export const created = <T>(body: T): Reply<T> => ({ status: 201, body });
/**
 * A refusal whose transaction still commits: what the command wrote stays (a refused scan at the
 * packing table is evidence), and the caller gets the error as any refusal looks.
 */
export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[] };
}
export const refusedKeeping = (error: AppError): Reply<ErrorBody> => ({
  status: error.status,
  body: { error: { code: error.code, message: error.message, details: error.details } },
});

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim() ?? null;
}

export interface SignedSender {
  /** The shared secret, or null when none is configured (signed requests are then refused). */
  secret(deps: Deps): string | null;
  actor: Actor;
}

const isSigned = (request: FastifyRequest) => request.routeOptions.config.signedBy !== undefined && request.headers[SIGNATURE_HEADERS.signature] !== undefined;

/** onRequest: resolve the actor and check the route's declared permission before anything else. */
export function authHook(app: FastifyInstance) {
  return async (request: FastifyRequest) => {
    const access = request.routeOptions.config.permission;
    if (access === 'public' || access === undefined) return;
    // checked by verifySignedRequest once the body is read
    if (isSigned(request)) return;
    const token = bearerToken(request);
    if (!token) throw unauthorized();
    request.actor = await authenticate(readCtx(app.deps, { id: null, name: '', roles: [], permissions: new Set() }), token);
    if (access !== 'authenticated' && !request.actor.permissions.has(access)) throw forbidden(access);
  };
}

/** preValidation: a signed request to a `signedBy` route must carry a fresh, valid signature of its body. */
export function verifySignedRequest(request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
  try {
    checkSignature(request);
    done();
  } catch (err) {
    done(err as Error);
  }
}

function checkSignature(request: FastifyRequest): void {
  if (!isSigned(request)) return;
  const sender = request.routeOptions.config.signedBy!;
  const secret = sender.secret(request.server.deps);
  if (!secret) throw new AppError(401, 'signature_not_accepted', '本系统未配置回调密钥，不接受签名请求，请使用员工令牌');
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const problem = signatureProblem(secret, { timestamp: header(SIGNATURE_HEADERS.timestamp), signature: header(SIGNATURE_HEADERS.signature) }, request.rawBody ?? '', request.server.deps.clock.now());
  if (problem) throw new AppError(401, 'bad_signature', `签名校验失败：${problem}`);
  request.actor = sender.actor;
}

/** The JSON body parser, keeping the text as sent for routes that check a signature over it. */
export function jsonKeepingRawBody(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: string, done: (err: Error | null, parsed?: unknown) => void) => {
    if (request.routeOptions.config.signedBy) request.rawBody = body;
    void parse(request, body, done);
  };
}

export function requestToken(request: FastifyRequest): string {
  const token = bearerToken(request);
  if (!token) throw unauthorized();
  return token;
}

/** A read with the caller as actor, outside any transaction. */
export function query(request: FastifyRequest): Ctx {
  return readCtx(request.server.deps, request.actor, request.id);
}

/**
 * Runs a write in one transaction. With an Idempotency-Key header, the first reply is stored in
 * that same transaction and a repeat of the key returns it instead of running the command again.
 */
export async function command<T>(request: FastifyRequest, fn: (ctx: Ctx) => Promise<Reply<T>>): Promise<Reply<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await commandOnce(request, fn);
    } catch (err) {
      const retry = err instanceof RetryInNewTransaction || RETRIED_PG_ERRORS.has(pgErrorCode(err) ?? '');
      if (!retry) throw err;
      if (attempt === COMMAND_ATTEMPTS) throw err instanceof RetryInNewTransaction ? err.error : err;
    }
  }
}

/**
 * A command that lost a race runs again in a new transaction: enough for one race on each unique
 * key a command writes (intake: the new buyer's customer, then the platform order id), since the
 * winner of a unique-key race has committed by the time the loser learns of it.
 */
const COMMAND_ATTEMPTS = 3;

/**
 * Races PostgreSQL itself settles by rolling one transaction back: a deadlock (two intakes falling
 * back to each other's warehouse, say) or a serialization failure. Rerun, the command sees what
 * the other committed; only a third loss in a row is answered (409).
 */
const RETRIED_PG_ERRORS = new Set(['40P01', '40001']);

/** The SQLSTATE of a database error, as pg raises it or as Drizzle wraps it. */
function pgErrorCode(error: unknown): string | undefined {
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  const found = typeof code === 'string' ? code : cause?.code;
  return typeof found === 'string' ? found : undefined;
}

/** Keys are the client's own ids (a UUID, an order number and a step): printable ASCII, short enough to index. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined || key === '') return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw badRequest('validation_error', '请求头有误：Idempotency-Key 应为 1–200 个可见 ASCII 字符（例如一个 UUID）', [
      { path: 'Idempotency-Key', message: 'invalid' },
    ]);
  }
  return key;
}

async function commandOnce<T>(request: FastifyRequest, fn: (ctx: Ctx) => Promise<Reply<T>>): Promise<Reply<T>> {
  const key = idempotencyKeyOf(request);
  const deps = request.server.deps;
  return inTransaction(deps, request.actor, request.id, async (ctx) => {
    // Reads (a reveal, say) are not replayed: their replies may hold personal data in clear.
    if (key === undefined || ctx.actor.id === null || request.method === 'GET') return fn(ctx);
    const actorId = ctx.actor.id;
    const path = request.routeOptions.url ?? request.url;
    const requestHash = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('base64url');
    const claimed = await ctx.db
      .insert(idempotencyKeys)
      .values({ actorId, key, method: request.method, path: request.url, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [stored] = await ctx.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.key, key)));
      if (!stored || stored.method !== request.method || stored.path !== request.url || stored.requestHash !== requestHash) {
        throw unprocessable('idempotency_key_reused', `这个 Idempotency-Key 已用于另一个请求（${stored?.method} ${stored?.path}，内容可能不同），请换一个新的 Key`, [
          { path: 'Idempotency-Key', message: path },
        ]);
      }
      return { status: stored.statusCode ?? 200, body: stored.response as T };
    }
    const reply = await fn(ctx);
    await ctx.db
      .update(idempotencyKeys)
      .set({ statusCode: reply.status, response: reply.body })
      .where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.key, key)));
    return reply;
  });
}

export function send<T>(reply: FastifyReply, result: Reply<T>) {
  return reply.code(result.status).send(result.body);
}

const PG_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  '23505': { status: 409, code: 'duplicate', message: '记录已存在' },
  '23514': { status: 409, code: 'constraint_violation', message: '数据不满足约束' },
  '23503': { status: 409, code: 'reference_violation', message: '引用的记录不存在或仍被使用' },
  '22003': { status: 400, code: 'number_out_of_range', message: '数值超出范围' },
  '40001': { status: 409, code: 'serialization_failure', message: '并发冲突，请重试' },
  '40P01': { status: 409, code: 'deadlock', message: '并发冲突，请重试' },
};

const VALIDATION_CONTEXT: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

function zodPath(instancePath: string, params: unknown): string {
  const fromPath = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const missing = (params as { issue?: { path?: unknown[] } } | undefined)?.issue?.path;
  return fromPath || (Array.isArray(missing) ? missing.join('.') : '');
}

/** Maps every thrown error onto { error: { code, message, details } }; only real faults are 500. */
export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error instanceof TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.code(error.status).send({ error: { code: error.code, message: error.message, details: error.details } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: ErrorDetail[] = error.validation.map((v) => ({ path: zodPath(v.instancePath, v.params), message: v.message ?? 'invalid' }));
    const where = VALIDATION_CONTEXT[error.validationContext ?? 'body'] ?? '请求内容';
    return reply.code(400).send({
      error: { code: 'validation_error', message: `${where}有误：${details.map((d) => `${d.path || where} ${d.message}`).join('；')}`, details },
    });
  }
  const pgCode = pgErrorCode(error);
  const mapped = pgCode ? PG_ERRORS[pgCode] : undefined;
  if (mapped) {
    request.log.warn({ err: error }, 'database constraint');
    const constraint = (error as { constraint?: string }).constraint ?? (error as { cause?: { constraint?: string } }).cause?.constraint;
    return reply.code(mapped.status).send({ error: { code: mapped.code, message: mapped.message, details: constraint ? [{ path: constraint, message: mapped.code }] : [] } });
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return reply.code(status).send({ error: { code: (error as FastifyError).code ?? 'bad_request', message: error.message, details: [] } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({ error: { code: 'internal_error', message: '服务器内部错误，请联系管理员', details: [] } });
}
