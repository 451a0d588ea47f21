import { describe, expect, it } from 'vitest';
import { StateError } from '../../platform/errors';
import { CLAIM_ACTIONS, CLAIM_STATUSES, CLAIM_TRANSITIONS, nextClaimStatus } from './claimStates';

describe('carrier claim transition table', () => {
  it('reaches every state from open', () => {
    const reached = new Set(['open', ...CLAIM_STATUSES.flatMap((s) => Object.values(CLAIM_TRANSITIONS[s]))]);
    expect([...reached].sort()).toEqual([...CLAIM_STATUSES].sort());
  });

  it('is filed before the carrier answers it, and an answer is final', () => {
    expect(nextClaimStatus('open', 'submit')).toBe('submitted');
    expect(() => nextClaimStatus('open', 'settle')).toThrow('理赔单当前状态为「待提交」，不能登记赔付');
    expect(nextClaimStatus('submitted', 'settle')).toBe('settled');
    expect(nextClaimStatus('submitted', 'reject')).toBe('rejected');
    expect(() => nextClaimStatus('submitted', 'submit')).toThrow(StateError);
    for (const action of CLAIM_ACTIONS) {
      expect(() => nextClaimStatus('settled', action)).toThrow(StateError);
      expect(() => nextClaimStatus('rejected', action)).toThrow(StateError);
    }
  });
});
