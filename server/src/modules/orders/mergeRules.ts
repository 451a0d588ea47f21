import type { Problem } from './rules';
import { ORDER_STATUS_LABELS, type OrderStatus } from './states';

/**
 * Merge (合单), pure: which orders may go in one parcel. They must be approved and not yet waved
 * (待发货): a wave takes a merge group whole, so merging happens before one does, and unshipped orders
 * in a wave already have their slot, carrier and maybe their parcel. They must be of one shop, one
 * buyer (the same customer), one receiver address (the same normalised address: a masked one
 * identifies none) and one warehouse, and none may be green-flagged (suspected fraud never ships).
 */

/** The permission that merges and unmerges (a review decision: the duplicate rule suggests it). */
export const MERGE_PERMISSION = 'orders.review';
/** A group may be taken apart until its parcel is packed (fulfillment checks the parcel). */
export const UNMERGEABLE_STATUSES: readonly OrderStatus[] = ['awaiting_fulfillment', 'in_fulfillment'];

export interface MergeFacts {
  orderNo: string;
  status: OrderStatus;
  shopId: number;
  customerId: number | null;
  addressIndex: string | null;
  warehouseId: number | null;
  flag: string | null;
}

/** Why this order cannot be merged whatever it is merged with, or null. */
export function mergeStateProblem(o: MergeFacts, path: string): Problem | null {
  const problem = (code: string, message: string): Problem => ({ code, path, message });
  if (o.flag === 'green') return problem('order_flagged', `订单 ${o.orderNo} 是绿旗（疑似虚假或欺诈订单），不能发货，也不能合单`);
  if (o.status === 'awaiting_fulfillment') return null;
  const state = ORDER_STATUS_LABELS[o.status];
  if (o.status === 'on_hold') return problem('order_held', `订单 ${o.orderNo} 挂起中：审核通过后才能合单`);
  if (o.status === 'pending_payment' || o.status === 'awaiting_review') return problem('not_approved', `订单 ${o.orderNo} 当前为「${state}」：审核通过后才能合单`);
  if (o.status === 'in_fulfillment') return problem('already_in_fulfillment', `订单 ${o.orderNo} 已进入波次配货，不能再合单`);
  if (o.status === 'cancelled' || o.status === 'closed') return problem('order_closed', `订单 ${o.orderNo} 当前为「${state}」，不能合单`);
  return problem('already_shipped', `订单 ${o.orderNo} 当前为「${state}」，已经发出，不能合单`);
}

/** Why `other` cannot ship in one parcel with `base`, or null. */
export function mergePairProblem(base: MergeFacts, other: MergeFacts, path: string): Problem | null {
  const problem = (code: string, message: string): Problem => ({ code, path, message: `订单 ${other.orderNo} 与 ${base.orderNo} ${message}，不能合单` });
  if (other.shopId !== base.shopId) return problem('different_shop', '不是同一个店铺的订单');
  if (other.customerId === null || other.customerId !== base.customerId) return problem('different_buyer', '不是同一个买家');
  if (other.addressIndex === null || other.addressIndex !== base.addressIndex) return problem('different_address', '收货地址不同（或地址已脱敏，无法确认是同一地址）');
  if (other.warehouseId !== base.warehouseId) return problem('different_warehouse', '不在同一个仓库发货');
  return null;
}

/** The first problem merging these orders (the first one is the base), or null when they may go in one parcel. */
export function mergeProblem(orders: readonly MergeFacts[], pathOf: (index: number) => string): Problem | null {
  for (const [i, o] of orders.entries()) {
    const problem = mergeStateProblem(o, pathOf(i)) ?? (i > 0 ? mergePairProblem(orders[0]!, o, pathOf(i)) : null);
    if (problem) return problem;
  }
  return null;
}
