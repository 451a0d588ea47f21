import dayjs, { type Dayjs } from 'dayjs';
import type { Filters } from '../app/list';

/** The registers' days in the URL (yyyy-mm-dd, the shop's own day), and what a register shows before one is chosen. */

const DAY = 'YYYY-MM-DD';
/** A range register opens on the last this many days, today included. */
export const DEFAULT_RANGE_DAYS = 7;

export const today = () => dayjs().format(DAY);

/** The range the URL names, else the last `days` days up to today. */
export function dayRange(filters: Filters, days = DEFAULT_RANGE_DAYS): { from: string; to: string } {
  return { from: filters.from ?? dayjs().subtract(days - 1, 'day').format(DAY), to: filters.to ?? today() };
}

/** `from`/`to` → a RangePicker value. */
export const rangeToForm = (range: { from: string; to: string }): [Dayjs, Dayjs] => [dayjs(range.from), dayjs(range.to)];

/** A RangePicker value → `from`/`to` days (nothing when it was cleared). */
export function rangeFromForm(value: unknown): { from?: string; to?: string } {
  const [from, to] = (value as [Dayjs | null, Dayjs | null] | undefined) ?? [null, null];
  return { from: from?.format(DAY), to: to?.format(DAY) };
}
