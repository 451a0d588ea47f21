import { describe, expect, it } from 'vitest';
import { presetKey } from './holdPresetKeys';

describe('the hold dialog’s preset keys', () => {
  it('picks a reason by its number, only among those listed', () => {
    expect(presetKey('2', 0, 3)).toEqual({ kind: 'pick', index: 1 });
    expect(presetKey('4', 0, 3)).toBeNull();
  });

  it('moves with the arrows, past the last into the free text', () => {
    expect(presetKey('ArrowDown', 0, 3)).toEqual({ kind: 'pick', index: 1 });
    expect(presetKey('ArrowDown', 2, 3)).toEqual({ kind: 'text' });
    expect(presetKey('ArrowUp', 0, 3)).toEqual({ kind: 'pick', index: 0 });
    expect(presetKey('0', 1, 3)).toEqual({ kind: 'text' });
  });

  it('holds with the reason picked on Enter, and ignores other keys', () => {
    expect(presetKey('Enter', 1, 3)).toEqual({ kind: 'submit', index: 1 });
    expect(presetKey('Enter', 0, 0)).toBeNull();
    expect(presetKey('x', 0, 3)).toBeNull();
  });
});
