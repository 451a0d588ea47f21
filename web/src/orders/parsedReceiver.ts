import type { ParsedAddress } from './api';

export const RECEIVER_FIELDS = ['name', 'phone', 'province', 'city', 'district', 'detail', 'postalCode'] as const;
export type ReceiverFields = Partial<Record<(typeof RECEIVER_FIELDS)[number], string>>;

/**
 * 智能识别's fields over what the form holds. What was not recognised stays as typed, except a city or
 * district that belonged to the province or city just replaced (it would no longer be one of its options).
 */
export function withParsed(current: ReceiverFields, found: ParsedAddress): ReceiverFields {
  const next = { ...current };
  if (found.province && found.province !== next.province) Object.assign(next, { city: undefined, district: undefined });
  if (found.city && found.city !== next.city) next.district = undefined;
  for (const key of RECEIVER_FIELDS) {
    const value = found[key];
    if (value !== null) next[key] = value;
  }
  return next;
}
