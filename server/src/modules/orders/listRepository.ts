import { and, asc, count, desc, eq, getTableColumns, gt, gte, ilike, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import type { Ctx } from '../../platform/context';
import type { OrderRow, RemarkRow } from './repository';
import { recentSearchMonths, type SearchTerms } from './searchTerms';
import { orderItems, orderRemarks, orders } from './schema';
import type { OrderStatus } from './states';

/** The order list's queries: its filter as SQL, a page, capped counts, and what a page shows beside each row. */

export interface OrderFilter {
  shopId?: number;
  statuses?: OrderStatus[];
  flag?: string;
  createdFrom?: Date;
  createdTo?: Date;
  shipByFrom?: Date;
  /** Exclusive, as a deadline is: an order due at `shipByTo` is not before it. */
  shipByTo?: Date;
  skuId?: number;
  phoneIndex?: string;
  nick?: string;
  orderNo?: string;
  /** The search box, already turned into the values each indexed column would hold (searchTerms.ts), and the orders registered searches found. */
  search?: {
    terms: SearchTerms;
    orderIds: number[];
    /** Only the nick part's matches created in these months (searchMonthOf); the other lookups in any. */
    months?: string[];
  };
}

export type OrderSortKey = 'createdAt' | 'total';

export interface OrderPage {
  sort: { key: OrderSortKey; descending: boolean };
  limit: number;
  offset: number;
  /** Keyset position: rows strictly after (value, id) in the sort order. */
  after?: { value: string | number; id: number };
}

/**
 * The SKU's lines within the filter's dates. The lines carry their order's date and total, so
 * their (sku, date) and (sku, total) indexes answer a SKU filter in sort order without reading
 * every order that has the SKU.
 */
function skuLines(f: OrderFilter & { skuId: number }): SQL | undefined {
  return and(
    eq(orderItems.skuId, f.skuId),
    f.createdFrom ? gte(orderItems.orderCreatedAt, f.createdFrom) : undefined,
    f.createdTo ? lte(orderItems.orderCreatedAt, f.createdTo) : undefined,
  );
}

/** The filter's conditions on the order row; with a SKU, the dates are bound on its lines instead (skuLines). */
function orderWhere(f: OrderFilter): SQL | undefined {
  const datesOnOrders = f.skuId === undefined;
  return and(
    f.shopId !== undefined ? eq(orders.shopId, f.shopId) : undefined,
    f.statuses?.length ? inArray(orders.status, f.statuses) : undefined,
    f.flag ? eq(orders.flag, f.flag) : undefined,
    datesOnOrders && f.createdFrom ? gte(orders.createdAt, f.createdFrom) : undefined,
    datesOnOrders && f.createdTo ? lte(orders.createdAt, f.createdTo) : undefined,
    f.shipByFrom ? gte(orders.shipBy, f.shipByFrom) : undefined,
    f.shipByTo ? lt(orders.shipBy, f.shipByTo) : undefined,
    f.phoneIndex ? eq(orders.buyerPhoneIndex, f.phoneIndex) : undefined,
    f.nick ? eq(orders.buyerNick, f.nick) : undefined,
    f.orderNo ? eq(orders.orderNo, f.orderNo) : undefined,
    f.search ? searchWhere(f.search) : undefined,
  );
}

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Every column searchWhere reads, and the newest-first order's (nickPartFirstPage's walk reads only these). */
const SEARCHED_COLUMNS = {
  id: orders.id,
  createdAt: orders.createdAt,
  orderNo: orders.orderNo,
  buyerNick: orders.buyerNick,
  buyerNickPieces: orders.buyerNickPieces,
  platformOrderId: orders.platformOrderId,
  buyerPhoneIndex: orders.buyerPhoneIndex,
  buyerPhoneTailIndex: orders.buyerPhoneTailIndex,
  buyerNameIndex: orders.buyerNameIndex,
};

/** Any of the search box's lookups, each on its own index, so the planner ORs their bitmaps. */
function searchWhere({ terms, orderIds, months }: NonNullable<OrderFilter['search']>): SQL | undefined {
  const { nickPart } = terms;
  const pieces = nickPart ? sql`${orders.buyerNickPieces} @> ${sql.param(nickPart.pieces)}::text[]` : undefined;
  const inMonths = months ? sql`${orders.buyerNickPieces} && ${sql.param(months)}::text[]` : undefined;
  return or(
    eq(orders.orderNo, terms.orderNo),
    // the whole nick too: rows the backfill has not reached have no pieces yet
    eq(orders.buyerNick, terms.text),
    nickPart ? and(pieces, inMonths, ilike(orders.buyerNick, `%${likeEscaped(nickPart.text)}%`)) : undefined,
    terms.orderNoTailReversed ? sql`reverse(${orders.orderNo}) LIKE ${`${likeEscaped(terms.orderNoTailReversed)}%`}` : undefined,
    and(isNotNull(orders.platformOrderId), eq(orders.platformOrderId, terms.text)),
    terms.phoneIndex ? eq(orders.buyerPhoneIndex, terms.phoneIndex) : undefined,
    terms.phoneTailIndex ? eq(orders.buyerPhoneTailIndex, terms.phoneTailIndex) : undefined,
    terms.nameIndex ? eq(orders.buyerNameIndex, terms.nameIndex) : undefined,
    orderIds.length > 0 ? inArray(orders.id, orderIds) : undefined,
  );
}

/**
 * A page of orders in sort order. With a SKU the page walks the SKU's lines by the copy of the sort
 * value they carry and joins each line's order, stopping after a page (an order listing the SKU on
 * two lines appears once); without one it walks the orders' own index.
 */
export async function listOrders(ctx: Ctx, filter: OrderFilter, page: OrderPage): Promise<OrderRow[]> {
  const { skuId } = filter;
  const byTotal = page.sort.key === 'total';
  const column = skuId !== undefined ? (byTotal ? orderItems.orderTotal : orderItems.orderCreatedAt) : byTotal ? orders.total : orders.createdAt;
  const id = skuId !== undefined ? orderItems.orderId : orders.id;
  const order = page.sort.descending ? [desc(column), desc(id)] : [asc(column), asc(id)];
  const after = page.after
    ? page.sort.descending
      ? sql`(${column}, ${id}) < (${page.after.value}, ${page.after.id})`
      : sql`(${column}, ${id}) > (${page.after.value}, ${page.after.id})`
    : undefined;
  const offset = page.after ? 0 : page.offset;
  if (skuId === undefined) {
    const { search } = filter;
    if (search?.terms.nickPart && !page.after && offset === 0 && !byTotal && page.sort.descending) return searchFirstPage(ctx, { ...filter, search }, page.limit);
    return ctx.db.select().from(orders).where(and(orderWhere(filter), after)).orderBy(...order).limit(page.limit).offset(offset);
  }
  return ctx.db
    .selectDistinctOn([column, id], getTableColumns(orders))
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(skuLines({ ...filter, skuId }), orderWhere(filter), after))
    .orderBy(...order)
    .limit(page.limit)
    .offset(offset);
}

/** The newest orders (under the other filters) a broad nick part's first page is looked for among first. */
const SEARCH_NEWEST_ROWS = 5_000;

/**
 * The first page, newest first, of a search by part of a nick. A receiver's name is looked up on
 * its own, its newest orders read by (name, created at): a common name is in hundreds of orders,
 * and the other lookups' page reads every match it is among to sort them.
 */
async function searchFirstPage(ctx: Ctx, filter: SearchFilter, limit: number): Promise<OrderRow[]> {
  const { search, ...others } = filter;
  const { nameIndex } = search.terms;
  if (nameIndex === null) return nickPartFirstPage(ctx, filter, limit);
  const named = await ctx.db
    .select()
    .from(orders)
    .where(and(orderWhere(others), eq(orders.buyerNameIndex, nameIndex)))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit);
  const unnamed = await nickPartFirstPage(ctx, { ...filter, search: { ...search, terms: { ...search.terms, nameIndex: null } } }, limit);
  const byId = new Map([...named, ...unnamed].map((row) => [row.id, row]));
  return [...byId.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id).slice(0, limit);
}

type SearchFilter = OrderFilter & { search: NonNullable<OrderFilter['search']> };

/**
 * A nick part's first page, newest first, without trusting the planner's guess of how many orders
 * match: the nick's pieces and the ILIKE that decides are estimated as if independent, and a
 * guess off by ten either way walks 100,000 orders by date or reads 8,000 scattered matches to
 * sort them (150–250 ms at 1 M orders). In turn, until a page is full:
 * - a broad part (two letters, a short word) among the newest SEARCH_NEWEST_ROWS orders, read by date;
 * - its matches of recent months, through the index (the month is among the pieces);
 * - all its matches, through the index, to sort them.
 */
async function nickPartFirstPage(ctx: Ctx, filter: SearchFilter, limit: number): Promise<OrderRow[]> {
  const { search, ...others } = filter;
  if (search.terms.nickPart?.broad) {
    const newest = ctx.db.select(SEARCHED_COLUMNS).from(orders).where(orderWhere(others)).orderBy(desc(orders.createdAt), desc(orders.id)).limit(SEARCH_NEWEST_ROWS);
    // named "orders", the subquery's rows are what the search's conditions on orders.* read
    const found = await rowsWithIds(ctx, sql`SELECT id FROM (${newest}) AS ${orders} WHERE ${orderWhere({ search })} ORDER BY created_at DESC, id DESC LIMIT ${limit}`);
    if (found.length === limit) return found;
  }
  const recent = recentSearchMonths(ctx.clock.now());
  const ofRecentMonths = await rowsWithIds(ctx, matchingIds({ ...filter, search: { ...search, months: recent.months } }, limit));
  // a full page older than the months came from the other lookups: a nick part's older match may be newer
  if (ofRecentMonths.length === limit && ofRecentMonths[limit - 1]!.createdAt >= recent.from) return ofRecentMonths;
  return rowsWithIds(ctx, matchingIds(filter, limit));
}

/** The newest `limit` matches' ids. OFFSET 0 keeps the matches a query of their own, planned without the page's order and limit: read through the index. */
const matchingIds = (filter: OrderFilter, limit: number) =>
  sql`SELECT id FROM (SELECT ${orders.id} AS id, ${orders.createdAt} AS created FROM ${orders} WHERE ${orderWhere(filter)} OFFSET 0) AS matches
    ORDER BY created DESC, id DESC LIMIT ${limit}`;

/** The orders whose ids `ids` (a query of one `id` column) selects, newest first. */
const rowsWithIds = (ctx: Ctx, ids: SQL) =>
  ctx.db
    .select()
    .from(orders)
    .where(inArray(orders.id, sql`(${ids})`))
    .orderBy(desc(orders.createdAt), desc(orders.id));

const LINE_FILTERS: readonly (keyof OrderFilter)[] = ['skuId', 'createdFrom', 'createdTo'];

/** The filter on orders, the SKU's too (as the ids of its lines' orders): what a count reads rows by. */
function matchingWhere(filter: OrderFilter): SQL | undefined {
  const { skuId } = filter;
  return and(orderWhere(filter), skuId === undefined ? undefined : inArray(orders.id, sql`(SELECT ${orderItems.orderId} FROM ${orderItems} WHERE ${skuLines({ ...filter, skuId })})`));
}

/**
 * The orders matching the filter, at most `cap` of them (a row each, to be counted). A filter of
 * only a SKU and dates is read on the lines alone (their index holds the order id and date),
 * without looking each order up.
 */
function matchingUpTo(ctx: Ctx, filter: OrderFilter, cap: number) {
  const { skuId } = filter;
  const linesOnly = skuId !== undefined && Object.entries(filter).every(([key, value]) => value === undefined || LINE_FILTERS.includes(key as keyof OrderFilter));
  return linesOnly
    ? ctx.db.selectDistinct({ orderId: orderItems.orderId }).from(orderItems).where(skuLines({ ...filter, skuId })).limit(cap)
    : ctx.db.select({ one: sql`1` }).from(orders).where(matchingWhere(filter)).limit(cap);
}

/** Counts matching orders, stopping at `cap`: an exact count over a million rows costs more than a page. */
export async function countOrdersUpTo(ctx: Ctx, filter: OrderFilter, cap: number): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(matchingUpTo(ctx, filter, cap).as('matching'));
  return row?.n ?? 0;
}

/**
 * The same capped count for each of `statuses` (the filter's own statuses ignored), in one round
 * trip: each status walks its own (shop,) status index and stops at `cap`, where one GROUP BY
 * would read every matching order.
 */
export async function countOrdersByStatusUpTo(ctx: Ctx, filter: OrderFilter, statuses: readonly OrderStatus[], cap: number): Promise<Record<string, number>> {
  const counts = statuses.map(
    (status) => sql`(SELECT count(*)::int FROM (${matchingUpTo(ctx, { ...filter, statuses: [status] }, cap)}) AS matching) AS ${sql.identifier(status)}`,
  );
  const [row] = await rowsOf<Record<string, number>>(ctx.db, sql`SELECT ${sql.join(counts, sql`, `)}`);
  return row!;
}

/**
 * A search's matches per status, reading at most `cap` of them whatever their status (the
 * filter's own statuses ignored). Two letters of a nick can be in a tenth of all orders, and the
 * index then builds a bitmap of them all before the first row: once here, where a count per status
 * would build it once per status (ten times, 340 ms at 1 M orders).
 */
export async function countSearchByStatusUpTo(ctx: Ctx, filter: OrderFilter, cap: number): Promise<Record<string, number>> {
  const read = ctx.db.select({ status: orders.status }).from(orders).where(matchingWhere({ ...filter, statuses: undefined })).limit(cap).as('read');
  const rows = await ctx.db.select({ status: read.status, n: count() }).from(read).groupBy(read.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** What the list shows of each order's lines: SKU code and the units still ordered, for a page of orders in one query. */
export async function lineBriefsOf(ctx: Ctx, orderIds: readonly number[]): Promise<Map<number, { skuCode: string; quantity: number }[]>> {
  const briefs = new Map<number, { skuCode: string; quantity: number }[]>();
  if (orderIds.length === 0) return briefs;
  const rows = await ctx.db
    .select({ orderId: orderItems.orderId, skuCode: orderItems.skuCode, quantity: sql<number>`(${orderItems.quantity} - ${orderItems.cancelledQuantity})::int` })
    .from(orderItems)
    .where(and(inArray(orderItems.orderId, [...orderIds]), gt(orderItems.quantity, orderItems.cancelledQuantity)))
    .orderBy(asc(orderItems.orderId), asc(orderItems.id));
  for (const { orderId, ...line } of rows) briefs.set(orderId, [...(briefs.get(orderId) ?? []), line]);
  return briefs;
}

/** The newest remark of each of these orders, in one query (a list page asks for its rows' at once). */
export async function latestRemarks(ctx: Ctx, orderIds: number[]): Promise<Map<number, RemarkRow>> {
  if (orderIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectDistinctOn([orderRemarks.orderId])
    .from(orderRemarks)
    .where(inArray(orderRemarks.orderId, orderIds))
    .orderBy(orderRemarks.orderId, desc(orderRemarks.id));
  return new Map(rows.map((r) => [r.orderId, r]));
}

