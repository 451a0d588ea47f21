/**
 * What a return is worth to the buyer (DOMAIN.md §6), as a pure rule: the goods that came back at
 * what was paid for them (the order's discount shared by line value), the original shipping when
 * the whole order came back — kept by the shop for a 七天无理由 return (the buyer's choice) —, and,
 * when the fault was ours, the return shipping the buyer paid in advance (垫付运费).
 */

/** A return received today is settled within 24 h: the refund is due by then, else it is overdue (逾期). */
export const RETURN_SETTLE_HOURS = 24;

export interface ReturnedLine {
  /** What the line cost before the order's discount, in fen, and its units. */
  lineTotal: number;
  quantity: number;
  /** Units of it received back so far. */
  returned: number;
}

export interface SettlementInput {
  noReason: boolean;
  order: { itemsTotal: number; discount: number; shippingFee: number; units: number };
  lines: ReturnedLine[];
  /** Return shipping the buyer paid and showed a receipt for, in fen. */
  buyerReturnShipping: number;
}

export interface Settlement {
  goods: number;
  shipping: number;
  shippingDeducted: number;
  returnShipping: number;
  /** The refund the return is worth: goods + shipping − shippingDeducted + returnShipping. */
  amount: number;
}

/** A line's share of what was paid: its value less its share of the order's discount, for `units` of it. */
function paidFor(line: ReturnedLine, order: SettlementInput['order'], units: number): number {
  const paidLine = order.itemsTotal > 0 ? line.lineTotal - Math.round((order.discount * line.lineTotal) / order.itemsTotal) : 0;
  return Math.round((paidLine * units) / line.quantity);
}

/**
 * Minor transport damage (轻微破损): the buyer keeps the goods and is offered `percent` of what was
 * paid for the damaged units (10 % by default, the setting aftersales.damageRefundPercent).
 */
export function damageCompensation(order: SettlementInput['order'], lines: (Omit<ReturnedLine, 'returned'> & { damaged: number })[], percent: number): number {
  return Math.round((paidValue(order, lines.map((l) => ({ ...l, units: l.damaged }))) * percent) / 100);
}

/** What the buyer paid for `units` of each line: what a carrier claim (理赔) asks back for goods damaged or lost. */
export function paidValue(order: SettlementInput['order'], lines: (Omit<ReturnedLine, 'returned'> & { units: number })[]): number {
  return lines.reduce((sum, l) => sum + paidFor({ ...l, returned: 0 }, order, l.units), 0);
}

export function returnSettlement({ noReason, order, lines, buyerReturnShipping }: SettlementInput): Settlement {
  const goods = lines.reduce((sum, l) => sum + paidFor(l, order, l.returned), 0);
  const wholeOrder = lines.reduce((sum, l) => sum + l.returned, 0) >= order.units;
  const shipping = wholeOrder ? order.shippingFee : 0;
  const shippingDeducted = noReason ? shipping : 0;
  const returnShipping = noReason ? 0 : buyerReturnShipping;
  return { goods, shipping, shippingDeducted, returnShipping, amount: goods + shipping - shippingDeducted + returnShipping };
}
