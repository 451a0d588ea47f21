import { CATALOG_SKUS, pick, type Random } from '../../server/src/demo/fixtures';
import type { Api, ApiReply } from './client';
import { benchShopCodes, orderBody } from './shopData';

/**
 * The hardening issue's mixed load: what staff do all day to a growing shop. Each request kind
 * acts on orders the load itself made (pools by what can be done to them next), so the mix holds
 * for the whole run; a kind whose pool is still empty creates an order instead.
 */

export const KINDS = ['create', 'pay', 'review', 'cancel', 'list', 'search', 'detail'] as const;
export type Kind = (typeof KINDS)[number];

/** Percent of the requests; the "list/search 15 %" is split between the two. */
const MIX: [Kind, number][] = [
  ['create', 50],
  ['pay', 15],
  ['review', 10],
  ['cancel', 5],
  ['list', 7.5],
  ['search', 7.5],
  ['detail', 5],
];

/** Repeat buyers: about one order in this many shares a phone with an earlier one, so the duplicate rule has work. */
const BUYER_POOL = 40_000;
const DAY = 86_400_000;

export interface Staff {
  /** cs_presale: creates, reviews, cancels, lists and searches. */
  cs: Api;
  /** finance: records payments by hand. */
  finance: Api;
}

interface KnownOrder {
  id: number;
  orderNo: string;
  total: number;
  phone: string;
  nick: string;
}

interface HeldOrder {
  id: number;
  /** awaiting_review: a risk hold, approved; awaiting_fulfillment: held after approval, released. */
  heldFrom: string;
}

export interface Done {
  kind: Kind;
  /** Which list or search, for the per-query table. */
  label: string;
  reply: ApiReply;
}

type Params = Record<string, string>;

const LISTS: { label: string; params: (r: Random) => Params }[] = [
  { label: 'list: review queue', params: () => ({ status: 'awaiting_review,on_hold' }) },
  { label: 'list: shop + awaiting fulfillment + last day', params: (r) => ({ shopCode: pick(r, benchShopCodes), status: 'awaiting_fulfillment', createdFrom: new Date(Date.now() - DAY).toISOString() }) },
  { label: 'list: SKU, highest total first', params: (r) => ({ skuCode: pick(r, CATALOG_SKUS).code, sort: '-total' }) },
  { label: 'list: everything, newest first', params: () => ({}) },
];

const SEARCHES: { label: string; params: (o: KnownOrder) => Params }[] = [
  { label: 'search: q= order no', params: (o) => ({ q: o.orderNo }) },
  { label: 'search: q= phone', params: (o) => ({ q: o.phone }) },
  { label: 'search: q= nick', params: (o) => ({ q: o.nick }) },
];

const ordersUrl = (params: Params) => `/api/v1/orders?${new URLSearchParams(params).toString()}`;

/** Removes and returns a random element (order does not matter in a pool). */
function take<T>(random: Random, pool: T[]): T | undefined {
  if (pool.length === 0) return undefined;
  const i = Math.floor(random() * pool.length);
  const taken = pool[i]!;
  pool[i] = pool[pool.length - 1]!;
  pool.pop();
  return taken;
}

function pickKind(random: Random): Kind {
  let roll = random() * 100;
  for (const [kind, share] of MIX) if ((roll -= share) < 0) return kind;
  return 'create';
}

/** The shared state of all clients: one Node thread, so the pools need no locking. */
export function soakMix(staff: Staff) {
  const unpaid: KnownOrder[] = [];
  const held: HeldOrder[] = [];
  const approved: number[] = [];
  const known: KnownOrder[] = [];

  /** Files the order by its state after a reply, so the next request finds it where it now belongs. */
  const file = (reply: ApiReply) => {
    const { id, status, heldFromStatus } = reply.body ?? {};
    if (status === 'awaiting_fulfillment') approved.push(id);
    else if (status === 'on_hold') held.push({ id, heldFrom: heldFromStatus });
  };

  async function create(random: Random): Promise<Done> {
    const body = orderBody(random, Math.floor(random() * BUYER_POOL));
    const reply = await staff.cs.request('POST', '/api/v1/orders', body);
    if (reply.status === 201) {
      const order = { id: reply.body.id, orderNo: reply.body.orderNo, total: reply.body.total, phone: body.buyer.phone, nick: body.buyer.nick };
      unpaid.push(order);
      known.push(order);
    }
    return { kind: 'create', label: 'create', reply };
  }

  async function pay(random: Random, order: KnownOrder): Promise<Done> {
    const reply = await staff.finance.request('POST', `/api/v1/orders/${order.id}/payments`, { amount: order.total, method: pick(random, ['alipay', 'wechat']) });
    file(reply);
    return { kind: 'pay', label: 'pay', reply };
  }

  /** A reviewer approves a risk hold or releases a later hold; with none waiting, holds an approved order for a check. */
  async function review(random: Random): Promise<Done | undefined> {
    const waiting = take(random, held);
    if (waiting) {
      const action = waiting.heldFrom === 'awaiting_review' ? 'approve' : 'release';
      const reply = await staff.cs.request('POST', `/api/v1/orders/${waiting.id}/${action}`, {});
      file(reply);
      return { kind: 'review', label: `review: ${action}`, reply };
    }
    const id = take(random, approved);
    if (id === undefined) return undefined;
    const reply = await staff.cs.request('POST', `/api/v1/orders/${id}/hold`, { reason: '核对收货地址' });
    file(reply);
    return { kind: 'review', label: 'review: hold', reply };
  }

  async function cancel(order: KnownOrder): Promise<Done> {
    const reply = await staff.cs.request('POST', `/api/v1/orders/${order.id}/cancel`, { reason: '买家不想要了' });
    return { kind: 'cancel', label: 'cancel', reply };
  }

  async function list(random: Random): Promise<Done> {
    const query = pick(random, LISTS);
    return { kind: 'list', label: query.label, reply: await staff.cs.request('GET', ordersUrl(query.params(random))) };
  }

  async function search(random: Random, order: KnownOrder): Promise<Done> {
    const query = pick(random, SEARCHES);
    return { kind: 'search', label: query.label, reply: await staff.cs.request('GET', ordersUrl(query.params(order))) };
  }

  async function detail(order: KnownOrder): Promise<Done> {
    return { kind: 'detail', label: 'detail', reply: await staff.cs.request('GET', `/api/v1/orders/${order.id}`) };
  }

  /** One request of the mix, drawn from `random`. */
  async function next(random: Random): Promise<Done> {
    const anyKnown = () => (known.length ? known[Math.floor(random() * known.length)] : undefined);
    const kind = pickKind(random);
    let done: Done | undefined;
    if (kind === 'pay' || kind === 'cancel') {
      const order = take(random, unpaid);
      if (order) done = kind === 'pay' ? await pay(random, order) : await cancel(order);
    } else if (kind === 'review') done = await review(random);
    else if (kind === 'list') done = await list(random);
    else if (kind === 'search' || kind === 'detail') {
      const order = anyKnown();
      if (order) done = kind === 'search' ? await search(random, order) : await detail(order);
    }
    return done ?? create(random);
  }

  return { next };
}
