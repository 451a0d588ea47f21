/**
 * The hold dialog's preset list worked from the keyboard: 1–9 pick a reason, ↑/↓ move, Enter holds
 * with the one picked, 0 or ↓ past the last goes to the free-text field.
 */
export type PresetKeyResult = { kind: 'pick'; index: number } | { kind: 'submit'; index: number } | { kind: 'text' } | null;

export function presetKey(key: string, active: number, count: number): PresetKeyResult {
  if (/^[1-9]$/.test(key)) {
    const index = Number(key) - 1;
    return index < count ? { kind: 'pick', index } : null;
  }
  switch (key) {
    case '0':
      return { kind: 'text' };
    case 'ArrowDown':
      return active + 1 >= count ? { kind: 'text' } : { kind: 'pick', index: active + 1 };
    case 'ArrowUp':
      return { kind: 'pick', index: Math.max(0, active - 1) };
    case 'Enter':
      return active >= 0 && active < count ? { kind: 'submit', index: active } : null;
    default:
      return null;
  }
}
