/** A line of the manual order form while it is being typed: any field may still be empty. */
export type Line = { skuCode?: string; quantity?: number; unitPrice?: number };

/** A form amount that is not (yet) a whole number of fen counts as 0 in the live totals. */
export const validFen = (n: number | undefined): number => (Number.isInteger(n) ? (n as number) : 0);

/** items, shipping and discount → the totals in integer fen, as the server will recompute them. */
export function orderTotals(items: (Line | undefined)[] | undefined, shippingFee?: number, discount?: number) {
  const itemsTotal = (items ?? []).reduce((sum, l) => sum + validFen(l?.quantity) * validFen(l?.unitPrice), 0);
  return { itemsTotal, total: itemsTotal + validFen(shippingFee) - validFen(discount) };
}
