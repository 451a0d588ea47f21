import { describe, expect, it } from 'vitest';
import { yuanText } from './money';

describe('yuanText', () => {
  it('shows fen as exact yuan with two decimals', () => {
    expect([yuanText(123450), yuanText(5), yuanText(1005), yuanText(0), yuanText(-250)]).toEqual(['1234.50', '0.05', '10.05', '0.00', '-2.50']);
  });
});
