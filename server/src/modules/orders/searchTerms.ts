import type { Pii } from '../../platform/pii';
import { validMobile } from './rules';

/**
 * What the search box looks an order up by, as pure functions: the blind indexes written with an
 * order (intake, reissue, backfill) and the values a typed text is compared with.
 */

/** Kinds of lookup one search ran, in the order the empty list names them. */
export const SEARCH_KINDS = ['order_no', 'order_no_tail', 'platform_order_id', 'phone', 'phone_tail', 'receiver_name', 'nick', 'nick_part', 'tracking_no'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** An order number's tail is searched from this many characters: fewer would match too many orders. */
export const ORDER_NO_TAIL_MIN = 6;
/** A nick is searched by part from this many characters (nickPieces). */
export const NICK_PART_MIN = 2;
/** A nick part this short may be in a tenth of all nicks (see SearchTerms.nickPart). */
const NICK_PART_BROAD_MAX = 4;
/**
 * A number of 4+ digits is what staff copy from a phone, an order or a waybill, and is looked up
 * as those: nicks are searched by it only whole. Most nicks hold digits (tb12345678), so each
 * digit pair's pieces are in a large share of orders, and one such search read four of them
 * (100 ms at 1 M orders).
 */
const NUMBER_ONLY = /^\d{4,}$/;

/** The last 4 digits a buyer gives for their phone: of a mobile, a landline, or a masked phone (138****5678); privacy numbers have none of the buyer's. */
export function phoneTail(kind: string, phone: string): string | null {
  if (kind !== 'mobile' && kind !== 'masked' && kind !== 'landline') return null;
  return /(\d{4})$/.exec(phone.trim())?.[1] ?? null;
}

/** Domain-separated, so a tail's index never equals a whole phone's. */
export const phoneTailIndexText = (tail: string) => `tail:${tail}`;

/** A name as compared: NFKC, without spaces, lower-cased (张 三 = 张三, Li Lei = lilei). */
export const nameIndexText = (name: string) => `name:${name.normalize('NFKC').replace(/\s+/g, '').toLowerCase()}`;

/**
 * The distinct lower-cased 2-character pieces of a text, by code point: a nick contains the search
 * text only if its pieces hold all of the text's, so a GIN index on them narrows a substring search
 * from 2 characters in any script (ILIKE then decides). Stored, not an index expression, so a
 * lossy bitmap's recheck is an array test rather than a function call per row.
 */
export function nickPieces(text: string): string[] {
  const chars = [...text.toLowerCase()];
  return [...new Set(chars.slice(1).map((c, i) => chars[i]! + c))];
}

/** Pieces a search narrows by at most: each is a posting list the index reads whole. */
const NARROWING_PIECES_MAX = 4;

/**
 * The pieces a search text narrows by: all of them up to NARROWING_PIECES_MAX, else that many spread
 * from the first to the last. Each piece dropped lets through rows the heap must read and ILIKE
 * refuse (at 1 M orders, 7927 by 79 and 27 read 3,675 pages for 212 matches; with 92 too, 544).
 */
export function narrowingPieces(text: string): string[] {
  const pieces = nickPieces(text);
  if (pieces.length <= NARROWING_PIECES_MAX) return pieces;
  const step = (pieces.length - 1) / (NARROWING_PIECES_MAX - 1);
  return [...new Set(Array.from({ length: NARROWING_PIECES_MAX }, (_, k) => pieces[Math.round(k * step)]!))];
}

/**
 * The month an order was created in, stored among its nick's pieces (m:2026-12, never 2 characters
 * long): a search can then ask the GIN index for the nick part's matches of recent months only, and
 * read a few of them rather than every match to find the newest (SEARCH_MONTHS).
 */
export const searchMonthOf = (createdAt: Date) => `m:${createdAt.toISOString().slice(0, 7)}`;
const SEARCH_MONTH = /^m:\d{4}-\d{2}$/;

/**
 * The months a first page is looked for in first: this one and the one before, from the first
 * instant of that, and the next, for an order another server's clock, a little ahead, put there.
 */
export function recentSearchMonths(now: Date): { months: string[]; from: Date } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { months: [searchMonthOf(next), searchMonthOf(now), searchMonthOf(from)], from };
}

/** What an order stores to be found by part of its nick: the nick's pieces and the month it was created in. */
export const nickPiecesOf = (nick: string | null, createdAt: Date) => (nick === null ? null : [...nickPieces(nick), searchMonthOf(createdAt)]);

/** Stored pieces moved to another order's month (a reissue copies its source's receiver). */
export const inSearchMonth = (pieces: string[] | null, createdAt: Date) => (pieces === null ? null : [...pieces.filter((p) => !SEARCH_MONTH.test(p)), searchMonthOf(createdAt)]);

export interface SearchIndexes {
  buyerPhoneTailIndex: string | null;
  buyerNameIndex: string | null;
  buyerNickPieces: string[] | null;
}

/** The receiver's search columns from the plain name and phone (as stored encrypted): written with the receiver. */
export function receiverSearchIndexes(pii: Pii, receiver: { name: string | null; phone: string | null; phoneKind: string }): Omit<SearchIndexes, 'buyerNickPieces'> {
  const tail = receiver.phone === null ? null : phoneTail(receiver.phoneKind, receiver.phone);
  const name = receiver.name?.trim() ? receiver.name : null;
  return {
    buyerPhoneTailIndex: tail === null ? null : pii.blindIndex(phoneTailIndexText(tail)),
    buyerNameIndex: name === null ? null : pii.blindIndex(nameIndexText(name)),
  };
}

/** Every search column of an order, from the buyer's nick, the receiver's plain name and phone, and when it was created. */
export function searchIndexesOf(pii: Pii, buyer: { nick: string | null; name: string | null; phone: string | null; phoneKind: string }, createdAt: Date): SearchIndexes {
  return { ...receiverSearchIndexes(pii, buyer), buyerNickPieces: nickPiecesOf(buyer.nick, createdAt) };
}

/** The search box's text as each indexed column would hold it; null where the text cannot be that kind. */
export interface SearchTerms {
  text: string;
  /** Order numbers are upper case: `so2026…` finds `SO2026…`. */
  orderNo: string;
  /** The upper-cased text reversed, for the reverse(order_no) index; null under ORDER_NO_TAIL_MIN characters. */
  orderNoTailReversed: string | null;
  /**
   * The text and its pieces, from NICK_PART_MIN characters; `broad` when it may be part of a tenth
   * of all nicks (a word of up to NICK_PART_BROAD_MAX characters: 柚子, kiki). null for a number of
   * 4+ digits (NUMBER_ONLY).
   */
  nickPart: { text: string; pieces: string[]; broad: boolean } | null;
  phoneIndex: string | null;
  phoneTailIndex: string | null;
  nameIndex: string | null;
}

const NAME_LIKE = /^[^\d@#*]{2,30}$/u;

/**
 * Reads the search box. Phone and receiver-name lookups find a buyer's orders by personal data:
 * only for callers who may read customers (`mayReadCustomers`).
 */
export function searchTermsOf(pii: Pii, raw: string, mayReadCustomers: boolean): SearchTerms {
  const text = raw.trim();
  const upper = text.toUpperCase();
  const mobile = mayReadCustomers ? validMobile(text) : null;
  const tail = mayReadCustomers && /^\d{4}$/.test(text) ? text : null;
  return {
    text,
    orderNo: upper,
    orderNoTailReversed: upper.length >= ORDER_NO_TAIL_MIN ? [...upper].reverse().join('') : null,
    nickPart: [...text].length >= NICK_PART_MIN && !NUMBER_ONLY.test(text) ? { text, pieces: narrowingPieces(text), broad: [...text].length <= NICK_PART_BROAD_MAX } : null,
    phoneIndex: mobile === null ? null : pii.blindIndex(mobile),
    phoneTailIndex: tail === null ? null : pii.blindIndex(phoneTailIndexText(tail)),
    nameIndex: mayReadCustomers && NAME_LIKE.test(text) ? pii.blindIndex(nameIndexText(text)) : null,
  };
}

/** The kinds of lookup `terms` runs (tracking numbers are added by the registered searches that ran). */
export function searchedKinds(terms: SearchTerms): SearchKind[] {
  const kinds: SearchKind[] = ['order_no'];
  if (terms.orderNoTailReversed !== null) kinds.push('order_no_tail');
  kinds.push('platform_order_id');
  if (terms.phoneIndex !== null) kinds.push('phone');
  if (terms.phoneTailIndex !== null) kinds.push('phone_tail');
  if (terms.nameIndex !== null) kinds.push('receiver_name');
  kinds.push(terms.nickPart === null ? 'nick' : 'nick_part');
  return kinds;
}
