import { z } from 'zod';
import { can, type Ctx } from '../../platform/context';
import { badRequest, forbidden } from '../../platform/errors';
import { idSchema, isoTime } from '../../platform/model';
import { findSkusByCodes, getShopByCode } from '../catalog';
import type { OrderCounts, OrderCountsQuery, OrderListQuery, OrderListRow } from './model';
import * as listRepo from './listRepository';
import * as repo from './repository';
import { resolveSearch, type ResolvedSearch } from './search';
import { MAX_FEN, validMobile, type Flag, type HoldReason } from './rules';
import { toSummary } from './detail';
import { isOrderStatus, ORDER_STATUSES, type OrderStatus } from './states';

/** The order list and search: filters resolved to ids, keyset or page paging, a capped total. */

function parseStatuses(raw: string | undefined): OrderStatus[] | undefined {
  if (!raw) return undefined;
  const statuses = raw.split(',');
  const unknown = statuses.filter((s) => !isOrderStatus(s));
  if (unknown.length > 0) throw badRequest('validation_error', `未知的订单状态：${unknown.join('、')}`, [{ path: 'status', message: unknown.join(',') }]);
  return statuses as OrderStatus[];
}

const phoneIndexOf = (ctx: Ctx, raw: string): string | null => {
  const phone = validMobile(raw);
  return phone ? ctx.pii.blindIndex(phone) : null;
};

/** A cursor holds the last row's sort value and id: checked as what the sort key says it is. */
const CURSOR_SHAPES = {
  total: z.tuple([z.number().int().min(0).max(MAX_FEN), idSchema]),
  createdAt: z.tuple([isoTime, idSchema]),
};

function decodeCursor(cursor: string, key: keyof typeof CURSOR_SHAPES): { value: string | number; id: number } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = CURSOR_SHAPES[key].safeParse(decoded);
  if (!parsed.success) throw badRequest('validation_error', '翻页游标无效，请从第一页重新查询', [{ path: 'cursor', message: 'invalid' }]);
  const [value, id] = parsed.data;
  return { value, id };
}

const encodeCursor = (value: string | number, id: number) => Buffer.from(JSON.stringify([value, id])).toString('base64url');

/** The list's filters: its query without sort and paging. */
type OrderFilterQuery = Omit<OrderListQuery, 'sort' | 'cursor' | 'page' | 'pageSize'>;

/** Resolves codes to ids; undefined when a filter names something that does not exist (no rows). */
export async function buildFilter(ctx: Ctx, q: OrderFilterQuery): Promise<(listRepo.OrderFilter & { search?: ResolvedSearch }) | undefined> {
  const shop = q.shopCode ? await getShopByCode(ctx, q.shopCode) : undefined;
  const sku = q.skuCode ? (await findSkusByCodes(ctx, [q.skuCode])).get(q.skuCode) : undefined;
  if (shop === null || (q.skuCode && !sku)) return undefined;
  // A buyer's order history by phone is customer data: not for roles that only see the label.
  const mayLookUpPhone = can(ctx.actor, 'customers.read');
  if (q.phone && !mayLookUpPhone) throw forbidden('customers.read', '按手机号查订单需要客户信息权限');
  const phoneIndex = q.phone ? phoneIndexOf(ctx, q.phone) : undefined;
  if (phoneIndex === null) return undefined;
  return {
    shopId: shop?.id,
    statuses: parseStatuses(q.status),
    flag: q.flag,
    createdFrom: q.createdFrom ? new Date(q.createdFrom) : undefined,
    createdTo: q.createdTo ? new Date(q.createdTo) : undefined,
    shipByFrom: q.shipByFrom ? new Date(q.shipByFrom) : undefined,
    shipByTo: q.shipByTo ? new Date(q.shipByTo) : undefined,
    skuId: sku?.id,
    phoneIndex,
    nick: q.nick || undefined,
    orderNo: q.orderNo || undefined,
    search: q.q ? await resolveSearch(ctx, q.q) : undefined,
  };
}

/** Lists count at most this many matches ("10000+"): narrowing the filter beats paging that far. */
export const LIST_TOTAL_CAP = 10_000;
/** A search counts less far ("1000+"): two letters of a nick can name a tenth of all orders, and each counted one is read. */
export const SEARCH_TOTAL_CAP = 1_000;

/** A page in the list's sort: by offset, or after a keyset position. */
export function listPageOf(sort: OrderListQuery['sort'], limit: number, pageNo: number, after?: listRepo.OrderPage['after']): listRepo.OrderPage {
  return { sort: { key: sort.endsWith('total') ? 'total' : 'createdAt', descending: sort.startsWith('-') }, limit, offset: (pageNo - 1) * limit, after };
}

/** The keyset position after a row: its sort value and id. */
export const cursorOf = (key: listRepo.OrderSortKey, row: repo.OrderRow) => ({ value: key === 'total' ? row.total : row.createdAt.toISOString(), id: row.id });

/** How far a list or its tabs count: a search's loose parts (a 2-character nick piece) can match a tenth of all orders. */
const totalCapOf = (filter: listRepo.OrderFilter) => (filter.search ? SEARCH_TOTAL_CAP : LIST_TOTAL_CAP);

export async function listOrders(ctx: Ctx, q: OrderListQuery) {
  const filter = await buildFilter(ctx, q);
  // What the search box looked for, so an empty list can say it.
  const searchedAs = filter?.search?.searchedAs ?? null;
  const empty = { items: [], total: q.cursor ? null : 0, totalCapped: false, page: q.page, pageSize: q.pageSize, nextCursor: null, searchedAs };
  if (!filter) return empty;
  const key = q.sort.endsWith('total') ? 'total' : 'createdAt';
  const page = listPageOf(q.sort, q.pageSize, q.page, q.cursor ? decodeCursor(q.cursor, key) : undefined);
  const rows = await listRepo.listOrders(ctx, filter, page);
  const last = rows.length === q.pageSize ? rows[rows.length - 1] : undefined;
  const cap = totalCapOf(filter);
  // a page not filled is the end of the list: it says the total, with no count to run; a search's
  // full page leaves its count to GET /orders/counts (countOrdersByStatus), one read for both
  const lastPage = rows.length < q.pageSize && (rows.length > 0 || page.offset === 0);
  const counted = q.cursor ? null : lastPage ? page.offset + rows.length : filter.search ? null : await listRepo.countOrdersUpTo(ctx, filter, cap + 1);
  const next = last ? cursorOf(key, last) : undefined;
  return {
    items: await listRows(ctx, rows),
    total: counted === null ? null : Math.min(counted, cap),
    totalCapped: counted !== null && counted > cap,
    page: q.page,
    pageSize: q.pageSize,
    nextCursor: next ? encodeCursor(next.value, next.id) : null,
    searchedAs,
  };
}

/** Rows of a page: the summaries with their lines and newest remarks, each read for the whole page in one query. */
export async function listRows(ctx: Ctx, rows: repo.OrderRow[]): Promise<OrderListRow[]> {
  const ids = rows.map((r) => r.id);
  const lines = await listRepo.lineBriefsOf(ctx, ids);
  const remarks = await listRepo.latestRemarks(ctx, ids);
  return rows.map((r) => {
    const remark = remarks.get(r.id);
    return {
      ...toSummary(ctx, r),
      lines: lines.get(r.id) ?? [],
      holdReasons: r.holdReasons as HoldReason[],
      buyerMessage: r.buyerMessage,
      latestRemark: remark ? { authorName: remark.authorName, content: remark.content, flag: remark.flag as Flag, createdAt: remark.createdAt.toISOString() } : null,
    };
  });
}

/**
 * The status tabs: the list's filters counted per status, each up to the list's cap, and all
 * together. A search is counted once over all statuses (countSearchByStatusUpTo): past its cap,
 * each status holds only those among the matches read, flagged capped (at least that many).
 */
export async function countOrdersByStatus(ctx: Ctx, q: OrderCountsQuery): Promise<OrderCounts> {
  const filter = await buildFilter(ctx, q);
  const cap = filter ? totalCapOf(filter) : LIST_TOTAL_CAP;
  const counted = !filter ? {} : filter.search ? await listRepo.countSearchByStatusUpTo(ctx, filter, cap + 1) : await listRepo.countOrdersByStatusUpTo(ctx, filter, ORDER_STATUSES, cap + 1);
  const sum = Object.values(counted).reduce((a, n) => a + n, 0);
  const searchCapped = filter?.search !== undefined && sum > cap;
  const byStatus = {} as OrderCounts['byStatus'];
  const capped = {} as OrderCounts['capped'];
  for (const status of ORDER_STATUSES) {
    const n = counted[status] ?? 0;
    byStatus[status] = Math.min(n, cap);
    capped[status] = searchCapped || n > cap;
  }
  const allCapped = ORDER_STATUSES.some((s) => capped[s]);
  return { byStatus, capped, all: { count: searchCapped ? cap : Object.values(byStatus).reduce((a, n) => a + n, 0), capped: allCapped } };
}
