import { formatFen } from '../app/money';

/** What a setting's number counts, as the settings API declares it (stored values are always in it). */
export type SettingUnit = 'fen' | 'minutes' | 'hours' | 'days' | 'percent' | 'grams' | 'count';

/** The words a unit is shown with beside a number (minutes and hours also name a duration). */
export interface UnitWords {
  minutes: string;
  hours: string;
  days: string;
  percent: string;
  grams: string;
}

const MINUTES_PER_HOUR = 60;

/** A duration kept in minutes, in the unit staff think of it: whole hours as hours (1440 → 24 h), the rest in minutes. */
export function minutesShown(minutes: number): { amount: number; unit: 'minutes' | 'hours' } {
  return minutes >= MINUTES_PER_HOUR && minutes % MINUTES_PER_HOUR === 0 ? { amount: minutes / MINUTES_PER_HOUR, unit: 'hours' } : { amount: minutes, unit: 'minutes' };
}

/** Back to stored minutes from what was typed in the shown unit; undefined unless it makes whole minutes. */
export function toMinutes(amount: number, unit: 'minutes' | 'hours'): number | undefined {
  const minutes = unit === 'hours' ? amount * MINUTES_PER_HOUR : amount;
  return Number.isInteger(minutes) ? minutes : undefined;
}

/** A stored number as text with its unit: ¥50.00, 24 小时, 30 分钟, 10%, 50 克. */
export function formatSettingNumber(value: number, unit: SettingUnit | null, words: UnitWords): string {
  switch (unit) {
    case 'fen':
      return formatFen(value);
    case 'minutes': {
      const shown = minutesShown(value);
      return `${shown.amount} ${words[shown.unit]}`;
    }
    case 'percent':
      return `${value}${words.percent}`;
    case 'hours':
    case 'days':
    case 'grams':
      return `${value} ${words[unit]}`;
    default:
      return String(value);
  }
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(分钟|分|min|m|小时|时|h|hours?)?$/i;

/** A duration typed into a list (催付时间点): "30", "30分钟", "12 小时", "1.5h" → minutes; bare numbers are minutes. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const inHours = !!match[2] && /^(小时|时|h|hours?)$/i.test(match[2]);
  const minutes = toMinutes(Number(match[1]), inHours ? 'hours' : 'minutes');
  return minutes !== undefined && minutes > 0 ? minutes : undefined;
}
