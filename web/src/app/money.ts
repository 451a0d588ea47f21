/**
 * Money is integer fen everywhere. These helpers turn fen into "¥12.34" and a typed 元 string
 * back into fen using string arithmetic only, so 0.1 + 0.2 style float drift can never creep in.
 */

const YUAN_PATTERN = /^(-)?(\d+)(?:\.(\d{0,2}))?$/;

/** 1234 → "¥12.34"; -50 → "-¥0.50". Thousands are grouped: 123456789 → "¥1,234,567.89". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** Fen as a plain 元 string for an input: 1230 → "12.30". */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * "12.3" → 1230, "0.07" → 7, "¥1,234.5" → 123450. Returns null for anything that is not an
 * amount with at most two decimals (the caller shows the error; we never round silently).
 */
export function parseYuan(text: string): number | null {
  const cleaned = text.trim().replace(/^¥/, '').replace(/,/g, '');
  const match = YUAN_PATTERN.exec(cleaned);
  if (!match) return null;
  const [, minus, whole = '0', decimals = ''] = match;
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return minus ? -fen : fen;
}
