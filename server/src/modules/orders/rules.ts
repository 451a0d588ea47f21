import { MAINLAND_MOBILE, maskIp, normalizePhone } from '../../platform/pii';
import { localDate } from '../../platform/clock';
import type { ErrorDetail } from '../../platform/errors';
import { yuanText } from '../../platform/money';

/** Pure order rules: validation, amounts, order numbers, risk review, unpaid timers. No I/O. */

/** The largest amount an integer column holds. */
export const MAX_FEN = 2_147_483_647;

export interface Problem extends ErrorDetail {
  code: string;
}

// ---- intake validation ----

/** The phone as stored and indexed (digits, no +86), or null when it is no mainland mobile. */
export function validMobile(raw: string): string | null {
  const phone = normalizePhone(raw);
  return MAINLAND_MOBILE.test(phone) ? phone : null;
}

export const isPostalCode = (value: string): boolean => /^\d{6}$/.test(value);

export interface AmountInput {
  items: { quantity: number; unitPrice: number }[];
  shippingFee: number;
  discount: number;
  /** What the client computed, when it sent one. */
  total?: number | undefined;
}

export interface Amounts {
  itemsTotal: number;
  lineTotals: number[];
  total: number;
}

/** items + shipping − discount = payable; the discount may not exceed what it discounts. */
export function computeAmounts(input: AmountInput): { amounts: Amounts; problems: Problem[] } {
  const lineTotals = input.items.map((i) => i.quantity * i.unitPrice);
  const itemsTotal = lineTotals.reduce((sum, n) => sum + n, 0);
  const total = itemsTotal + input.shippingFee - input.discount;
  const problems: Problem[] = [];
  lineTotals.forEach((line, i) => {
    if (line > MAX_FEN) problems.push({ code: 'amount_too_large', path: `items.${i}.quantity`, message: '商品金额超出上限' });
  });
  if (input.discount > itemsTotal + input.shippingFee) {
    problems.push({ code: 'discount_too_large', path: 'discount', message: `优惠 ${input.discount} 分超过商品金额加运费 ${itemsTotal + input.shippingFee} 分` });
  } else if (total > MAX_FEN) {
    problems.push({ code: 'amount_too_large', path: 'total', message: '订单金额超出上限' });
  } else if (input.total !== undefined && input.total !== total) {
    problems.push({ code: 'amount_mismatch', path: 'total', message: `应付金额应为 ${total} 分（商品 ${itemsTotal} + 运费 ${input.shippingFee} − 优惠 ${input.discount}），收到 ${input.total} 分` });
  }
  return { amounts: { itemsTotal, lineTotals, total }, problems };
}

// ---- order numbers ----

/** "SO" + the shop-local date: the order number before its sequence digits (repository adds them). */
export function orderNoPrefix(createdAt: Date, timeZone: string): string {
  return `SO${localDate(createdAt, timeZone).replaceAll('-', '')}`;
}

// ---- remarks ----

export const FLAGS = ['grey', 'red', 'green', 'yellow', 'blue', 'purple'] as const;
export type Flag = (typeof FLAGS)[number];

/** "小蔡 · 送赠品一份，发申通 · 2026-11-20" — the date is the promise date, else the day written. */
export function remarkDisplay(remark: { authorName: string; content: string; promiseDate: string | null; writtenOn: string }): string {
  return [remark.authorName, remark.content, remark.promiseDate ?? remark.writtenOn].join(' · ');
}

// ---- automatic review ----

export const RISK_RULES = ['same_ip', 'duplicate', 'sensitive_words', 'remote_area', 'amount', 'blacklist', 'message', 'green_flag', 'address_check'] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export interface HoldReason {
  rule: string;
  message: string;
  /** A manual hold: the roles of who placed it, who may lift it besides reviewers. */
  heldByRoles?: string[];
}

/** What the repository counted about an order; the rules decide from these alone. */
export interface ReviewFacts {
  total: number;
  shippingFee: number;
  province: string;
  /** The street part of the address in plain text, for the sensitive-word check (division names such as 公安县 are not suspicious). */
  addressDetail: string;
  buyerIp: string | null;
  /** Orders from the same buyer IP in the window, this one included. */
  ordersFromSameIp: number;
  /** Other unshipped orders in the window with the same phone / the same address. */
  samePhoneOrderNos: string[];
  sameAddressOrderNos: string[];
  customerBlacklisted: boolean;
  buyerMessage: string | null;
  remarkCount: number;
  flag: string | null;
  /** Why intake could not fully resolve the platform's address or phone, or null. */
  addressReview: string | null;
}

export interface RiskSettings {
  sameIp: { enabled: boolean; maxOrders: number; windowMinutes: number };
  duplicate: { enabled: boolean; windowHours: number };
  sensitiveWords: { enabled: boolean; words: string[] };
  remoteArea: { enabled: boolean; provinces: string[] };
  amount: { enabled: boolean; thresholdFen: number };
  blacklist: { enabled: boolean };
  message: { enabled: boolean };
}


type RuleCheck = (facts: ReviewFacts, settings: RiskSettings) => HoldReason | null;

const checks: Record<RiskRule, RuleCheck> = {
  same_ip: (f, s) =>
    s.sameIp.enabled && f.buyerIp && f.ordersFromSameIp >= s.sameIp.maxOrders
      ? { rule: 'same_ip', message: `同一 IP（${maskIp(f.buyerIp)}）${s.sameIp.windowMinutes} 分钟内下单 ${f.ordersFromSameIp} 笔` }
      : null,
  duplicate: (f, s) => {
    if (!s.duplicate.enabled) return null;
    const others = [...new Set([...f.samePhoneOrderNos, ...f.sameAddressOrderNos])];
    if (others.length === 0) return null;
    const what = [f.samePhoneOrderNos.length > 0 && '手机号', f.sameAddressOrderNos.length > 0 && '地址'].filter(Boolean).join('和');
    return { rule: 'duplicate', message: `同${what}在 ${s.duplicate.windowHours} 小时内还有未发货订单 ${others.join('、')}，可能重复，建议合单` };
  },
  sensitive_words: (f, s) => {
    if (!s.sensitiveWords.enabled) return null;
    const found = s.sensitiveWords.words.filter((w) => w !== '' && f.addressDetail.includes(w));
    return found.length > 0 ? { rule: 'sensitive_words', message: `地址含敏感词：${found.join('、')}` } : null;
  },
  remote_area: (f, s) =>
    s.remoteArea.enabled && f.shippingFee === 0 && s.remoteArea.provinces.some((p) => p !== '' && f.province.startsWith(p))
      ? { rule: 'remote_area', message: `偏远地区（${f.province}）包邮，请核对运费` }
      : null,
  amount: (f, s) =>
    s.amount.enabled && f.total > s.amount.thresholdFen ? { rule: 'amount', message: `订单金额 ${yuanText(f.total)} 元超过 ${yuanText(s.amount.thresholdFen)} 元` } : null,
  blacklist: (f, s) => (s.blacklist.enabled && f.customerBlacklisted ? { rule: 'blacklist', message: '买家在黑名单中' } : null),
  message: (f, s) => {
    if (!s.message.enabled) return null;
    const parts = [f.buyerMessage?.trim() && '买家留言', f.remarkCount > 0 && '卖家备注'].filter(Boolean);
    return parts.length > 0 ? { rule: 'message', message: `有${parts.join('和')}，需人工阅读` } : null;
  },
  // Not switchable: a green flag marks a suspected fake or fraudulent order, which never ships.
  green_flag: (f) => (f.flag === 'green' ? { rule: 'green_flag', message: '绿旗：疑似虚假或欺诈订单' } : null),
  // Not switchable: intake took a platform's address it could not resolve, and only a person can fix it.
  address_check: (f) => (f.addressReview ? { rule: 'address_check', message: `地址需核对：${f.addressReview}` } : null),
};

/** Every rule that fires, in a fixed order; an empty list means the order passes. */
export function evaluateRisk(facts: ReviewFacts, settings: RiskSettings): HoldReason[] {
  return RISK_RULES.map((rule) => checks[rule](facts, settings)).filter((r): r is HoldReason => r !== null);
}

/**
 * How long after approving the reviewer may take it back (撤销审核). The screen offers it for 10 s;
 * the server allows a few more so a click in the last second still arrives in time.
 */
export const UNDO_APPROVE_SECONDS = 15;

/**
 * A person's approval holds the buyer's 订单已确认 back this long, so an undo can still withdraw it:
 * the guard counts whole seconds (an undo in the 16th second passes) and the undo's transaction
 * needs a moment to commit.
 */
export const APPROVAL_NOTICE_HOLD_SECONDS = UNDO_APPROVE_SECONDS + 5;

/** Ships-before promise told to the buyer on approval. */
export const shipByDeadline = (paidAt: Date, promiseHours: number): Date => new Date(paidAt.getTime() + promiseHours * 3_600_000);

// ---- unpaid orders ----

/** 30 → 'unpaid_30m', 720 → 'unpaid_12h'. */
export const reminderKind = (minutes: number): string => (minutes % 60 === 0 ? `unpaid_${minutes / 60}h` : `unpaid_${minutes}m`);

export interface ReminderWindow {
  kind: string;
  /** Orders at least this old (minutes) and younger than `untilAge` get this reminder. */
  fromAge: number;
  untilAge: number;
}

/**
 * Which reminder an unpaid order of each age is due: the latest threshold it has passed, until the
 * next one or the auto-close. A sweep that ran late sends only the latest, never an older one after it.
 */
export function reminderWindows(reminderMinutes: number[], closeMinutes: number): ReminderWindow[] {
  const thresholds = [...new Set(reminderMinutes)].filter((m) => m < closeMinutes).sort((a, b) => a - b);
  return thresholds.map((fromAge, i) => ({ kind: reminderKind(fromAge), fromAge, untilAge: thresholds[i + 1] ?? closeMinutes }));
}
