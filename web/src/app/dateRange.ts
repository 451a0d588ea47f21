import dayjs, { type Dayjs } from 'dayjs';
import type { Filters } from './list';

type Range = [Dayjs | null, Dayjs | null] | undefined;

/** Two ISO date params in the URL → one RangePicker value. */
export function rangeToForm(filters: Filters, fromKey: string, toKey: string): Range {
  const from = filters[fromKey];
  const to = filters[toKey];
  return from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : undefined;
}

/**
 * A RangePicker value → ISO instants: whole days, from the first day's start to the last day's end,
 * or (`wholeDays: false`, a picker with times) the instants as picked.
 */
export function rangeFromForm(range: unknown, fromKey: string, toKey: string, { wholeDays = true } = {}): Record<string, string | undefined> {
  const [from, to] = (range as Range) ?? [null, null];
  if (!wholeDays) return { [fromKey]: from?.toISOString(), [toKey]: to?.toISOString() };
  return { [fromKey]: from?.startOf('day').toISOString(), [toKey]: to?.endOf('day').toISOString() };
}
