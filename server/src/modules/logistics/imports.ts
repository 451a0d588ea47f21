import { parse } from 'csv-parse/sync';
import type { Ctx } from '../../platform/context';
import { AppError, unprocessable, type ErrorDetail } from '../../platform/errors';
import { isoTime } from '../../platform/model';
import { carrierNamed, normalizeTrackingNo } from '../fulfillment';
import { TRACKING_STATUS_LABELS, TRACKING_STATUSES, type TrackingBatch, type TrackingStatus } from './model';
import { isFutureEvent, recordTracking } from './tracking';

/**
 * An aggregator's tracking export (CSV with a header row), imported whole or not at all: one bad
 * row refuses the file with every problem named by row and column, so nothing is half-imported.
 */

export const MAX_IMPORT_ROWS = 20_000;
const MAX_LISTED_PROBLEMS = 20;

/** The columns, under the names aggregators' exports give them. */
const COLUMNS = {
  carrier: ['快递公司', '物流公司', '承运商', 'carrier'],
  trackingNo: ['快递单号', '运单号', '物流单号', 'trackingNo'],
  time: ['时间', '物流时间', '发生时间', 'time'],
  status: ['状态', '物流状态', 'status'],
  description: ['描述', '物流信息', '轨迹描述', 'description'],
  location: ['地点', '所在地', '城市', 'location'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['carrier', 'trackingNo', 'time', 'status', 'description'];

const STATUS_WORDS: [TrackingStatus, RegExp][] = [
  ['delivered', /签收|妥投/],
  ['out_for_delivery', /派送|派件/],
  ['returned', /退回|退签|拒收/],
  ['damaged', /破损/],
  ['picked_up', /揽收|揽件/],
  ['in_transit', /运输|在途|到达|发往|中转/],
];

function statusOf(cell: string): TrackingStatus | null {
  const code = cell.trim();
  if ((TRACKING_STATUSES as readonly string[]).includes(code)) return code as TrackingStatus;
  return STATUS_WORDS.find(([, words]) => words.test(code))?.[0] ?? null;
}

/** Aggregators write local (China) time without an offset: "2026-12-01 10:20:30" or with slashes. */
function timeOf(cell: string): string | null {
  const text = cell.trim().replaceAll('/', '-');
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(text);
  const iso = local ? `${local[1]}T${local[2]}${local[3] ?? ':00'}+08:00` : text;
  return isoTime.safeParse(iso).success ? iso : null;
}

function headerIndex(header: string[]): Partial<Record<Column, number>> {
  const index: Partial<Record<Column, number>> = {};
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const at = header.findIndex((h) => (COLUMNS[column] as readonly string[]).includes(h.trim()));
    if (at >= 0) index[column] = at;
  }
  return index;
}

function readRows(content: string): string[][] {
  try {
    return parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw unprocessable('invalid_csv', `文件不是有效的 CSV：${err instanceof Error ? err.message.slice(0, 200) : ''}`, [{ path: 'content', message: 'csv' }]);
  }
}

/** The file's events grouped by parcel, or 422 listing the rows that are wrong (a time after `now` among them). */
export function parseTrackingCsv(content: string, now: Date): { batches: TrackingBatch[]; rows: number } {
  const [header, ...rows] = readRows(content);
  if (!header || rows.length === 0) throw unprocessable('empty_import', '文件没有物流记录（第一行应为表头）', [{ path: 'content', message: '0' }]);
  if (rows.length > MAX_IMPORT_ROWS) throw unprocessable('import_too_large', `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`, [{ path: 'content', message: String(rows.length) }]);
  const at = headerIndex(header);
  const missing = REQUIRED.filter((c) => at[c] === undefined);
  if (missing.length) {
    throw unprocessable('missing_columns', `缺少列：${missing.map((c) => COLUMNS[c][0]).join('、')}`, missing.map((c) => ({ path: `columns.${c}`, message: COLUMNS[c][0] })));
  }
  const problems: ErrorDetail[] = [];
  const batches = new Map<string, TrackingBatch>();
  rows.forEach((row, i) => {
    const cell = (c: Column) => {
      const index = at[c];
      return index === undefined ? '' : (row[index] ?? '').trim();
    };
    const line = i + 2;
    const problem = (c: Column, why: string) => problems.push({ path: `rows.${line}.${c}`, message: `第 ${line} 行「${COLUMNS[c][0]}」${why}` });
    const carrier = carrierNamed(cell('carrier'));
    const trackingNo = normalizeTrackingNo(cell('trackingNo'));
    const time = timeOf(cell('time'));
    const status = statusOf(cell('status'));
    const description = cell('description');
    if (!carrier) problem('carrier', `无法识别：${cell('carrier').slice(0, 20)}`);
    if (!trackingNo || trackingNo.length > 64) problem('trackingNo', '为空或过长');
    if (!time) problem('time', `不是有效时间：${cell('time').slice(0, 30)}`);
    else if (isFutureEvent(time, now)) problem('time', `晚于现在：${cell('time').slice(0, 30)}`);
    if (!status) problem('status', `无法识别：${cell('status').slice(0, 20)}（应为${Object.values(TRACKING_STATUS_LABELS).join('/')}）`);
    if (!description || description.length > 500) problem('description', '为空或超过 500 字');
    if (!carrier || !time || !status || !description || description.length > 500 || !trackingNo || trackingNo.length > 64) return;
    const key = `${carrier}:${trackingNo}`;
    const batch = batches.get(key) ?? { carrier, trackingNo, events: [] };
    const location = cell('location').slice(0, 100);
    batch.events.push({ time, status, description, ...(location && { location }) });
    batches.set(key, batch);
  });
  if (problems.length) throw unprocessable('invalid_rows', `有 ${problems.length} 处错误，文件未导入：${problems[0]!.message}`, problems.slice(0, MAX_LISTED_PROBLEMS));
  return { batches: [...batches.values()], rows: rows.length };
}

/** Imports every parcel's events of the file in the caller's transaction; an unknown tracking number refuses the file. */
export async function importTrackingCsv(ctx: Ctx, content: string): Promise<{ rows: number; parcels: number; accepted: number; duplicates: number }> {
  const { batches, rows } = parseTrackingCsv(content, ctx.clock.now());
  let accepted = 0;
  let duplicates = 0;
  const unknown: ErrorDetail[] = [];
  for (const batch of batches) {
    try {
      const result = await recordTracking(ctx, batch, 'csv');
      accepted += result.accepted;
      duplicates += result.duplicates;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'unknown_tracking_no') throw err;
      unknown.push({ path: `trackingNo.${batch.trackingNo}`, message: err.message });
    }
  }
  if (unknown.length) throw unprocessable('unknown_tracking_no', `有 ${unknown.length} 个单号找不到已发货的包裹，文件未导入：${unknown[0]!.message}`, unknown.slice(0, MAX_LISTED_PROBLEMS));
  return { rows, parcels: batches.length, accepted, duplicates };
}
