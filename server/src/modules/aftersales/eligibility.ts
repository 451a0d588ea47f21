import { localDate } from '../../platform/clock';
import { RETURN_POLICY_LABELS, type ReturnPolicy } from '../catalog';
import type { CaseType } from './model';

/**
 * Which after-sales case an order can open (DOMAIN.md §6), as a pure rule: the reason a case is
 * refused, in words customer service can read to the buyer, or null when it may be opened.
 */

/** 七天无理由: the days after the day of delivery (签收次日起算) a no-reason return may be asked. */
export const NO_REASON_DAYS = 7;

const BEFORE_SHIPPING = ['awaiting_review', 'awaiting_fulfillment', 'in_fulfillment', 'on_hold', 'cancelled'];
const AFTER_SHIPPING = ['shipped', 'delivered', 'completed'];

/** Types about goods the buyer has, or should have, received. */
const GOODS_TYPES: readonly CaseType[] = ['return_refund', 'exchange', 'missing_item', 'wrong_item', 'damaged', 'quality'];

export interface OrderFacts {
  orderNo: string;
  status: string;
  paid: number;
  deliveredAt: Date | null;
  timezone: string;
}

export interface CaseRequest {
  type: CaseType;
  noReason: boolean;
  /** The products of the lines the case names. */
  lines: { skuCode: string; returnPolicy: ReturnPolicy }[];
}

export interface Refusal {
  path: string;
  message: string;
}

const dayNumber = (isoDate: string) => Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / 86_400_000;

/** The last shop-local day (yyyy-mm-dd) a no-reason return of goods delivered at `deliveredAt` may be asked. */
export function noReasonLastDay(deliveredAt: Date, timezone: string): string {
  const last = new Date((dayNumber(localDate(deliveredAt, timezone)) + NO_REASON_DAYS) * 86_400_000);
  return last.toISOString().slice(0, 10);
}

function noReasonRefusal(order: OrderFacts, request: CaseRequest, now: Date): Refusal | null {
  if (!order.deliveredAt) return { path: 'noReason', message: `订单 ${order.orderNo} 还未签收，七天无理由从签收次日起算` };
  const lastDay = noReasonLastDay(order.deliveredAt, order.timezone);
  const late = dayNumber(localDate(now, order.timezone)) - dayNumber(lastDay);
  if (late > 0) return { path: 'noReason', message: `订单 ${order.orderNo} 于 ${localDate(order.deliveredAt, order.timezone)} 签收，七天无理由截至 ${lastDay}，已超过 ${late} 天` };
  const exempt = request.lines.find((l) => l.returnPolicy !== 'standard');
  if (exempt) return { path: 'noReason', message: `货号 ${exempt.skuCode} 属于${RETURN_POLICY_LABELS[exempt.returnPolicy]}，不适用七天无理由退换` };
  return null;
}

export function caseRefusal(order: OrderFacts, request: CaseRequest, now: Date): Refusal | null {
  if (order.paid <= 0) return { path: 'orderId', message: `订单 ${order.orderNo} 还未付款，不能申请售后` };
  if (request.type === 'refund_only' && !BEFORE_SHIPPING.includes(order.status)) {
    return { path: 'type', message: `订单 ${order.orderNo} 已发货，不能仅退款：请按退货退款、少货、错货或破损受理` };
  }
  if (GOODS_TYPES.includes(request.type)) {
    if (!AFTER_SHIPPING.includes(order.status)) return { path: 'type', message: `订单 ${order.orderNo} 还未发货，请按仅退款受理` };
    if (request.lines.length === 0) return { path: 'lines', message: '请填写售后涉及的商品（货号和数量）' };
  }
  return request.noReason ? noReasonRefusal(order, request, now) : null;
}
