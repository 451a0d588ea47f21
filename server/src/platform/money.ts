/** Money is integer fen everywhere; these turn it into what staff read. */

/** "1234.50" for 123450 fen: exact (integer arithmetic), two decimals, no separators. */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
