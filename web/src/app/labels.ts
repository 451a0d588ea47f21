/** A code's label from one of the locale dictionaries; an unknown code shows as itself. */
export function labelOf(dictionary: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return dictionary[code] ?? code;
}

/** The dictionary as Select options, in the dictionary's order. */
export function optionsOf(dictionary: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(dictionary).map(([value, label]) => ({ value, label }));
}
