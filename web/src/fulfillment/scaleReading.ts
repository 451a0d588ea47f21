/**
 * What the scale typed into the weight field, in grams (the API's unit). A scale in keyboard mode
 * types its reading and Enter: a whole number is grams (`812`), a unit says itself (`812g`,
 * `812克`, `0.812kg`, `0.812公斤`). A decimal without a unit is refused rather than guessed —
 * `0.812` taken as grams, or `50.5` as kilograms, would record a weighing that never happened.
 */

/** The heaviest parcel the server takes (its MAX_PARCEL_GRAMS): more is a slip on the scale's keys. */
export const MAX_PARCEL_GRAMS = 100_000;

export type ScaleReading = { ok: true; grams: number } | { ok: false; problem: 'format' | 'decimal' | 'range' };

const READING = /^\+?(\d+(?:\.\d+)?)(g|克|kg|公斤|千克)?$/;

export function readScale(typed: string): ScaleReading {
  const match = READING.exec(typed.replace(/\s+/g, '').toLowerCase());
  if (!match) return { ok: false, problem: 'format' };
  const number = match[1]!;
  const unit = match[2];
  if (unit === undefined && number.includes('.')) return { ok: false, problem: 'decimal' };
  const kilograms = unit === 'kg' || unit === '公斤' || unit === '千克';
  const grams = Math.round(Number(number) * (kilograms ? 1000 : 1));
  return grams >= 1 && grams <= MAX_PARCEL_GRAMS ? { ok: true, grams } : { ok: false, problem: 'range' };
}
