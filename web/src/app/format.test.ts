import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

const units = { day: '天', hour: '小时', minute: '分钟' };

describe('formatDuration', () => {
  it('reads as minutes, hours and minutes, or days and hours', () => {
    expect(formatDuration(8 * 60_000 + 59_000, units)).toBe('8分钟');
    expect(formatDuration(65 * 60_000, units)).toBe('1小时05分钟');
    expect(formatDuration(47 * 3_600_000, units)).toBe('47小时00分钟');
    expect(formatDuration((29 * 24 + 3) * 3_600_000, units)).toBe('29天3小时');
  });

  it('measures overdue (negative) spans the same way', () => {
    expect(formatDuration(-90 * 60_000, units)).toBe('1小时30分钟');
  });
});
