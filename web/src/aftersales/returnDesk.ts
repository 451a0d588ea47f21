import type { Case } from './api';

/**
 * 退货签收 as plain data: the units scanned out of a return parcel against its case's lines, each
 * resellable unless marked 次品, what is still short, and the `receive` lines they make.
 */

type Line = Case['lines'][number];
export type Condition = 'resellable' | 'defective';

export interface Unit {
  orderItemId: number;
  condition: Condition;
}

export interface Desk {
  caseId: number;
  caseNo: string;
  orderNo: string;
  lines: Line[];
  returnTrackingNo: string | null;
  /** In scan order; the last one is what 次品 toggles. */
  units: Unit[];
}

/** What the case still expects back of a line. */
export const expectedOf = (line: Line) => line.quantity - line.received;
export const scannedOf = (desk: Desk, orderItemId: number, condition?: Condition) =>
  desk.units.filter((u) => u.orderItemId === orderItemId && (condition === undefined || u.condition === condition)).length;

/** The line a scanned code is: its SKU's barcode or its SKU code, in any case. */
export function lineOf(desk: Desk, code: string): Line | undefined {
  const wanted = code.trim().toUpperCase();
  return desk.lines.find((l) => l.barcode?.toUpperCase() === wanted || l.skuCode.toUpperCase() === wanted);
}

export type Taken = { ok: true; desk: Desk; line: Line } | { ok: false; reason: 'not_in_case' | 'excess'; line?: Line };

/** One unit scanned: counted on its line, refused when the case has no such item or expects no more of it. */
export function take(desk: Desk, code: string): Taken {
  const line = lineOf(desk, code);
  if (!line) return { ok: false, reason: 'not_in_case' };
  if (scannedOf(desk, line.orderItemId) >= expectedOf(line)) return { ok: false, reason: 'excess', line };
  return { ok: true, line, desk: { ...desk, units: [...desk.units, { orderItemId: line.orderItemId, condition: 'resellable' }] } };
}

/** The last unit scanned turned 次品, or back to resellable; null when nothing was scanned yet. */
export function toggleLast(desk: Desk): { desk: Desk; unit: Unit; line: Line } | null {
  const last = desk.units.at(-1);
  if (!last) return null;
  const unit: Unit = { ...last, condition: last.condition === 'resellable' ? 'defective' : 'resellable' };
  return { desk: { ...desk, units: [...desk.units.slice(0, -1), unit] }, unit, line: desk.lines.find((l) => l.orderItemId === unit.orderItemId)! };
}

/** The lines of which fewer units came back than the case expects, and how many fewer. */
export function shortLines(desk: Desk): { line: Line; short: number }[] {
  return desk.lines.flatMap((line) => {
    const short = expectedOf(line) - scannedOf(desk, line.orderItemId);
    return short > 0 ? [{ line, short }] : [];
  });
}

/** The `receive` body's lines: per SKU and condition, in the case's line order. */
export function receiveLines(desk: Desk): { skuCode: string; quantity: number; condition: Condition }[] {
  return desk.lines.flatMap((line) =>
    (['resellable', 'defective'] as const).flatMap((condition) => {
      const quantity = scannedOf(desk, line.orderItemId, condition);
      return quantity > 0 ? [{ skuCode: line.skuCode, quantity, condition }] : [];
    }),
  );
}
