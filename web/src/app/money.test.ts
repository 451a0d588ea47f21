import { describe, expect, it } from 'vitest';
import { fenToYuanText, formatFen, parseYuan } from './money';

describe('formatFen', () => {
  it('shows fen as yuan with two decimals and grouped thousands', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(7)).toBe('¥0.07');
    expect(formatFen(1234)).toBe('¥12.34');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-50)).toBe('-¥0.50');
  });
});

describe('parseYuan', () => {
  it('turns typed yuan into exact fen without float drift', () => {
    expect(parseYuan('12.3')).toBe(1230);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('1.10')).toBe(110);
    expect(parseYuan('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996 in floats
    expect(parseYuan(' ¥1,234.5 ')).toBe(123450);
    expect(parseYuan('8')).toBe(800);
    expect(parseYuan('8.')).toBe(800);
    expect(parseYuan('-3.5')).toBe(-350);
  });

  it('refuses what is not an amount with at most two decimals', () => {
    for (const text of ['', 'abc', '1.234', '1e3', '1.2.3', '¥', '--1', '99999999999999999999']) expect(parseYuan(text)).toBeNull();
  });

  it('round-trips with the input text', () => {
    for (const fen of [0, 1, 10, 99, 100, 5990, 123456]) expect(parseYuan(fenToYuanText(fen))).toBe(fen);
  });
});
