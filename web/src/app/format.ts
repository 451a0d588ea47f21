import dayjs from 'dayjs';

/** "2026-11-23 09:15" in the browser's time zone. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

/** A duration in ms as "1小时05分" style text, using the locale's units. */
export function formatDuration(ms: number, units: { hour: string; minute: string }): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = String(minutes % 60).padStart(hours ? 2 : 1, '0');
  return hours ? `${hours}${units.hour}${rest}${units.minute}` : `${rest}${units.minute}`;
}
