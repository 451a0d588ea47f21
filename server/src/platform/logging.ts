import type { FastifyRequest } from 'fastify';

/**
 * What reaches the log: no personal data, no secrets, and a bounded amount per line
 * (docs/security.md). Query strings keep the values of harmless keys only; errors keep their
 * kind, SQLSTATE, message and the failed statement's text, never its parameters or the
 * database's detail line (which quotes the offending values).
 */
export const MAX_LOGGED_TEXT = 2000;
const MAX_STACK_FRAMES = 15;

/** Query keys whose values say nothing about a person: everything else is logged as `***`. */
const HARMLESS_QUERY_KEYS = new Set([
  'page', 'pageSize', 'sort', 'status', 'flag', 'format', 'reveal', 'lowStock', 'active', 'platform', 'role', 'priceBand', 'listingStatus',
  'limit', 'shopCode', 'warehouseCode', 'skuCode', 'reason', 'category', 'createdFrom', 'createdTo', 'closedFrom', 'closedTo',
]);

export const capText = (text: string, max = MAX_LOGGED_TEXT) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);

/**
 * Outbox payload keys whose values name no person (ids, numbers, kinds, times): everything else,
 * a message text or a reason included, is logged as `***`.
 */
const HARMLESS_PAYLOAD_KEYS = new Set(['kind', 'reminder', 'orderId', 'orderNo', 'shopId', 'customerId', 'caseId', 'parcelId', 'amount', 'shipBy', 'carrier']);
const MAX_PAYLOAD_DEPTH = 4;

/** An outbox payload as the log (and the dead-letter view) shows it: harmless keys kept, short; the rest `***`. */
export function loggablePayload(payload: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < MAX_PAYLOAD_DEPTH) out[key] = loggablePayload(value as Record<string, unknown>, depth + 1);
    else if (!HARMLESS_PAYLOAD_KEYS.has(key)) out[key] = '***';
    else if (typeof value === 'string') out[key] = capText(value, 100);
    else out[key] = typeof value === 'number' || typeof value === 'boolean' || value === null ? value : '***';
  }
  return out;
}

/** The URL with the values of personal or unknown query keys replaced by `***`. */
export function redactedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return capText(url, 500);
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const [key = ''] = pair.split('=', 1);
      return HARMLESS_QUERY_KEYS.has(key) ? pair : `${key}=***`;
    })
    .join('&');
  return capText(`${url.slice(0, at)}?${query}`, 500);
}

interface LoggableError {
  name?: string;
  message?: string;
  code?: unknown;
  stack?: string;
  query?: unknown;
  constraint?: unknown;
  statusCode?: unknown;
  cause?: LoggableError;
}

/** An error as the log keeps it. Drizzle wraps the driver's error: the cause has the real message, the wrapper the statement. */
export function loggableError(error: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!error || typeof error !== 'object') return { type: typeof error, message: capText(String(error)), stack: '' };
  const err = error as LoggableError;
  const cause = err.cause && typeof err.cause === 'object' ? err.cause : undefined;
  const fromDatabase = typeof err.query === 'string';
  const message = fromDatabase ? (cause?.message ?? 'database error') : (err.message ?? '');
  const frames = (err.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return {
    type: err.name ?? 'Error',
    message: capText(message),
    code: err.code ?? cause?.code,
    ...(err.statusCode !== undefined && { statusCode: err.statusCode }),
    ...(fromDatabase && { query: capText(String(err.query)) }),
    ...((cause?.constraint ?? err.constraint) !== undefined && { constraint: cause?.constraint ?? err.constraint }),
    stack: frames.slice(0, MAX_STACK_FRAMES).join('\n'),
  };
}

/** Pino serializers for Fastify's logger. */
export const logSerializers = {
  req: (request: FastifyRequest) => ({ method: request.method, url: redactedUrl(request.url), remoteAddress: request.ip }),
  err: loggableError,
};
