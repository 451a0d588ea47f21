import { describe, expect, it } from 'vitest';
import { StateError } from '../../platform/errors';
import { nextWaveStatus, WAVE_ACTIONS, WAVE_STATUSES, WAVE_TRANSITIONS } from './waveStates';

describe('wave transition table', () => {
  it('reaches every state from picking', () => {
    const reached = new Set(['picking', ...WAVE_STATUSES.flatMap((s) => Object.values(WAVE_TRANSITIONS[s]))]);
    expect([...reached].sort()).toEqual([...WAVE_STATUSES].sort());
  });

  it('finishes picking once, naming the state when asked again', () => {
    expect(nextWaveStatus('picking', 'finish_picking')).toBe('picked');
    expect(() => nextWaveStatus('picked', 'finish_picking')).toThrow(StateError);
    try {
      nextWaveStatus('picked', 'finish_picking');
    } catch (err) {
      expect((err as StateError).message).toBe('波次当前状态为「已拣完」，不能完成拣货');
    }
    expect(nextWaveStatus('picking', 'finish_shipping')).toBe('shipped');
    expect(() => nextWaveStatus('shipped', 'finish_picking')).toThrow(StateError);
    for (const action of WAVE_ACTIONS) expect(() => nextWaveStatus('unknown', action)).toThrow(StateError);
  });
});
