import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { recordEvent } from './audit';
import type { Ctx } from './context';
import { AppError, badRequest, notFound } from './errors';
import { files } from './schema';

/** Evidence files: images and PDFs up to 10 MB, their type judged by their first bytes. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { type: string; matches: (head: Buffer) => boolean }[] = [
  { type: 'image/jpeg', matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { type: 'image/png', matches: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', matches: (h) => ['GIF87a', 'GIF89a'].includes(h.subarray(0, 6).toString('latin1')) },
  { type: 'image/webp', matches: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: 'application/pdf', matches: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-' },
];

/** The type the bytes are, or null when they are none ShopFlow keeps. */
export function sniffContentType(data: Buffer): string | null {
  return SIGNATURES.find((s) => s.matches(data))?.type ?? null;
}

export const fileTooLarge = () => new AppError(413, 'file_too_large', `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`, [{ path: 'file', message: String(MAX_FILE_BYTES) }]);

/** A name safe to show and to send back in a header: no control characters or path, at most 200 characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const printable = base.replace(/[\u0000-\u001f\u007f]|[\ud800-\udfff]/g, '').trim();
  return printable.slice(0, 200) || '未命名';
}

export interface StoredFile {
  id: number;
  name: string;
  contentType: string;
  size: number;
}

export async function storeFile(ctx: Ctx, name: string, data: Buffer): Promise<StoredFile> {
  if (data.length === 0) throw badRequest('validation_error', '文件是空的', [{ path: 'file', message: '文件是空的' }]);
  if (data.length > MAX_FILE_BYTES) throw fileTooLarge();
  const contentType = sniffContentType(data);
  if (!contentType) throw new AppError(415, 'unsupported_file_type', '只能上传图片（JPG、PNG、GIF、WebP）或 PDF 文件', [{ path: 'file', message: '文件内容不是图片或 PDF' }]);
  const values = { name: cleanName(name), contentType, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data, uploadedBy: ctx.actor.id, uploadedAt: ctx.clock.now() };
  const [row] = await ctx.db.insert(files).values(values).returning({ id: files.id });
  const stored = { id: row!.id, name: values.name, contentType, size: values.size };
  await recordEvent(ctx, { action: 'file.upload', entityType: 'file', entityId: stored.id, after: { ...stored, sha256: values.sha256 } });
  return stored;
}

export async function readFile(ctx: Ctx, id: number): Promise<StoredFile & { data: Buffer }> {
  const [row] = await ctx.db.select({ id: files.id, name: files.name, contentType: files.contentType, size: files.size, data: files.data }).from(files).where(eq(files.id, id));
  if (!row) throw notFound('file', id, '文件');
  return row;
}

/** The files of `ids` that exist, by id: what evidence may point at. */
export async function describeFiles(ctx: Ctx, ids: number[]): Promise<Map<number, StoredFile>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select({ id: files.id, name: files.name, contentType: files.contentType, size: files.size }).from(files).where(inArray(files.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
