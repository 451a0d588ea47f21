import type { FastifyRequest } from 'fastify';
import { badRequest } from './errors';

/**
 * The one place that refuses input a PostgreSQL text or jsonb column cannot hold, before any
 * route sees it: a NUL character (text refuses it), a lone UTF-16 surrogate (jsonb refuses it on
 * PostgreSQL, PGlite stores it mangled) and nesting deeper than any of our shapes (jsonb and the
 * JSON encoders recurse). Object keys are checked like values: settings keys reach the audit log.
 */
export const MAX_INPUT_DEPTH = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const PARTS: { key: 'body' | 'query' | 'params'; label: string }[] = [
  { key: 'body', label: '请求内容' },
  { key: 'query', label: '查询参数' },
  { key: 'params', label: '路径参数' },
];

/** Why `text` cannot be stored, or null when it can. */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return '含有空字符（\\u0000），无法保存';
  if (LONE_SURROGATE.test(text)) return '含有残缺的字符（不成对的 UTF-16 代理项），无法保存';
  return null;
}

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

/** The first problem found in `root` as { path, message }, walking without recursion. */
export function findUnstorable(root: unknown): { path: string; message: string } | null {
  const stack: Pending[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = unstorableText(value);
      if (problem) return { path, message: problem };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { path, message: `嵌套超过 ${MAX_INPUT_DEPTH} 层` };
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const keyProblem = unstorableText(key);
      if (keyProblem) return { path: childPath, message: `字段名${keyProblem}` };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

/** preValidation hook: a 400 naming the field, before validation or any database work. */
export async function refuseUnstorableInput(request: FastifyRequest): Promise<void> {
  for (const { key, label } of PARTS) {
    const found = findUnstorable(request[key]);
    if (found) {
      const field = found.path || label;
      throw badRequest('unstorable_text', `${label}有误：${field} ${found.message}`, [{ path: found.path, message: found.message }]);
    }
  }
}
