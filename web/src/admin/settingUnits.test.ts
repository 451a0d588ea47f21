import { describe, expect, it } from 'vitest';
import { formatSettingNumber, minutesShown, parseDuration, toMinutes } from './settingUnits';

const zh = { minutes: '分钟', hours: '小时', days: '天', percent: '%', grams: '克' };

describe('durations kept in minutes', () => {
  it('show whole hours as hours and the rest as minutes', () => {
    expect(minutesShown(1440)).toEqual({ amount: 24, unit: 'hours' });
    expect(minutesShown(120)).toEqual({ amount: 2, unit: 'hours' });
    expect(minutesShown(60)).toEqual({ amount: 1, unit: 'hours' });
    expect(minutesShown(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(minutesShown(30)).toEqual({ amount: 30, unit: 'minutes' });
  });

  it('are stored back in minutes, refusing what is not whole minutes', () => {
    expect(toMinutes(24, 'hours')).toBe(1440);
    expect(toMinutes(1.5, 'hours')).toBe(90);
    expect(toMinutes(45, 'minutes')).toBe(45);
    expect(toMinutes(0.01, 'hours')).toBeUndefined();
    expect(toMinutes(2.5, 'minutes')).toBeUndefined();
  });

  it('are read from what staff type into a list', () => {
    expect(parseDuration('30')).toBe(30);
    expect(parseDuration('30分钟')).toBe(30);
    expect(parseDuration('12 小时')).toBe(720);
    expect(parseDuration('12小时')).toBe(720);
    expect(parseDuration('1.5h')).toBe(90);
    expect(parseDuration('2 hours')).toBe(120);
    expect(parseDuration('三十分钟')).toBeUndefined();
    expect(parseDuration('0')).toBeUndefined();
    expect(parseDuration('-5')).toBeUndefined();
  });
});

describe('a setting number with its unit', () => {
  it('shows money in yuan and each other unit in its word', () => {
    expect(formatSettingNumber(500_000, 'fen', zh)).toBe('¥5,000.00');
    expect(formatSettingNumber(1440, 'minutes', zh)).toBe('24 小时');
    expect(formatSettingNumber(30, 'minutes', zh)).toBe('30 分钟');
    expect(formatSettingNumber(48, 'hours', zh)).toBe('48 小时');
    expect(formatSettingNumber(3, 'days', zh)).toBe('3 天');
    expect(formatSettingNumber(10, 'percent', zh)).toBe('10%');
    expect(formatSettingNumber(50, 'grams', zh)).toBe('50 克');
    expect(formatSettingNumber(10, 'count', zh)).toBe('10');
    expect(formatSettingNumber(7, null, zh)).toBe('7');
  });
});
