/**
 * Picking's pure rules: what a location-first scan names, how units picked by SKU are allotted to
 * the wave's orders, and which orders a short pick takes out of the wave.
 */

/** A line at a stop of the route: a SKU and the bin it is taken from (null: it has no pick bin). */
export interface StopLine {
  skuCode: string;
  barcode: string | null;
  binCode: string | null;
}

/** Codes as scanners send them: case does not matter. */
export const sameCode = (scanned: string, code: string | null) => code !== null && scanned.toUpperCase() === code.toUpperCase();

export type StopMatch<L> =
  | { kind: 'bin_not_on_route' }
  /** The bin or item was only for orders that left the wave. */
  | { kind: 'intercepted'; line: L }
  | { kind: 'wrong_item'; stop: L[] }
  /** The bin alone: the lines taken there. */
  | { kind: 'stop'; stop: L[] }
  | { kind: 'item'; stop: L[]; line: L };

/**
 * A scan of a bin (none for a SKU without a pick bin) and maybe an item (barcode or SKU code):
 * `lines` are what the route still serves, `gone` what only orders that left it needed.
 */
export function matchStop<L extends StopLine>(lines: readonly L[], gone: readonly L[], binCode: string | undefined, code: string | undefined): StopMatch<L> {
  const atBin = (l: L) => (binCode === undefined ? l.binCode === null : sameCode(binCode, l.binCode));
  const isItem = (l: L) => code !== undefined && (sameCode(code, l.barcode) || sameCode(code, l.skuCode));
  const stop = lines.filter(atBin);
  const goneHere = gone.filter(atBin);
  const line = stop.find(isItem);
  if (line) return { kind: 'item', stop, line };
  const goneLine = code === undefined ? (stop.length === 0 ? goneHere[0] : undefined) : goneHere.find(isItem);
  if (goneLine) return { kind: 'intercepted', line: goneLine };
  if (stop.length === 0) return { kind: 'bin_not_on_route' };
  return code === undefined ? { kind: 'stop', stop } : { kind: 'wrong_item', stop };
}

/** An order's need of one SKU and what is already picked for it. */
export interface OrderNeed {
  orderId: number;
  quantity: number;
  picked: number;
}

/** Units of a SKU go to the orders in their order (slot, then promise), each taking what it still lacks; what none lacks is left over. */
export function allot(needs: readonly OrderNeed[], units: number): { orderId: number; units: number }[] {
  const allotted: { orderId: number; units: number }[] = [];
  let left = units;
  for (const need of needs) {
    const take = Math.min(left, Math.max(0, need.quantity - need.picked));
    if (take > 0) allotted.push({ orderId: need.orderId, units: take });
    left -= take;
    if (left === 0) break;
  }
  return allotted;
}

/**
 * A bin `shortfall` units short of what the wave still needs: the orders that can no longer be
 * served, the last in the wave first, as many as the shortfall needs (each leaves with its whole
 * need of the SKU, and what was picked for it passes to the orders that stay).
 */
export function ordersToSendBack(needs: readonly OrderNeed[], shortfall: number): number[] {
  const out: number[] = [];
  let covered = 0;
  for (const need of [...needs].reverse()) {
    if (covered >= shortfall) break;
    out.push(need.orderId);
    covered += need.quantity;
  }
  return out;
}
