/**
 * A round of the warehouse worked location first — 配货 (taking items out of their bins) and 回库
 * (putting an intercepted order's items back): the worker scans a bin, then the items there. What
 * a scan means and where the worker stands follow from the round's lines (unit tested).
 */

/** A SKU at its bin (null: it has no pick bin) in the round: how many, and how many are done. */
export interface RoundLine {
  skuId: number;
  skuCode: string;
  binCode: string | null;
  quantity: number;
  done: number;
}

/**
 * Where the worker stands: a bin scanned, `null` at the SKUs that have no bin (there is nothing to
 * scan for them), `undefined` before the first bin.
 */
export type Position = string | null | undefined;

/** Codes as scanners send them: case does not matter (the server compares them the same way). */
const sameCode = (scanned: string, code: string | null) => code !== null && scanned.toUpperCase() === code.toUpperCase();

/** The round's bin a scan names, as the round spells it; null when the code is not one of its bins. */
export function binOf(lines: readonly RoundLine[], code: string): string | null {
  return lines.find((l) => sameCode(code, l.binCode))?.binCode ?? null;
}

/** Something of the line is still to do. */
export const isLeft = (l: RoundLine) => l.done < l.quantity;

/** The first stop along the route with something left (null: the SKUs without a bin), undefined once all is done. */
export function nextStop(lines: readonly RoundLine[]): Position {
  const next = lines.find(isLeft);
  return next ? next.binCode : undefined;
}

/**
 * Where the worker stands after a scan at `at`: once only SKUs without a bin are left, the worker
 * is at them, since no bin can be scanned for them; otherwise where the last bin scanned put them.
 */
export function settle(lines: readonly RoundLine[], at: Position): Position {
  const open = lines.filter(isLeft);
  return open.length > 0 && open.every((l) => l.binCode === null) ? null : at;
}

/** The stop shown large: where the worker stands, or before the first bin the one to go to. */
export const shownStop = (lines: readonly RoundLine[], at: Position): Position => (at === undefined ? nextStop(lines) : at);

/** The lines at a stop. */
export const linesAt = <L extends RoundLine>(lines: readonly L[], stop: Position): L[] => (stop === undefined ? [] : lines.filter((l) => l.binCode === stop));

/** The line a successful item scan counted: the one whose count went up. */
export function countedLine<L extends RoundLine>(before: readonly RoundLine[], after: readonly L[]): L | null {
  return after.find((l) => l.done > (before.find((b) => b.skuId === l.skuId)?.done ?? 0)) ?? null;
}
