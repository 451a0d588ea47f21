import dayjs from 'dayjs';

/** "2026-11-23 09:15" in the browser's time zone. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

/** A duration in ms as "2天3小时", "1小时05分钟" or "8分钟", using the locale's units. */
export function formatDuration(ms: number, units: { day: string; hour: string; minute: string }): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return `${Math.floor(hours / 24)}${units.day}${hours % 24}${units.hour}`;
  if (hours) return `${hours}${units.hour}${String(minutes % 60).padStart(2, '0')}${units.minute}`;
  return `${minutes}${units.minute}`;
}

/** Form normalize for optional text the API wants absent rather than empty (a cleared input gives ""). */
export const blankToUndefined = (value: string | undefined) => (value?.trim() ? value : undefined);
