import { describe, expect, it } from 'vitest';
import { StateError } from '../../platform/errors';
import { CASE_ACTIONS, CASE_STATUSES, CASE_TRANSITIONS, nextCaseStatus } from './caseStates';

describe('case transition table', () => {
  it('reaches every state from open', () => {
    const reached = new Set(['open', ...CASE_STATUSES.flatMap((s) => Object.values(CASE_TRANSITIONS[s]))]);
    expect([...reached].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('refunds only an open case, waits for one decision, and a closed case stays closed', () => {
    expect(nextCaseStatus('open', 'refund')).toBe('open');
    expect(nextCaseStatus('open', 'request_approval')).toBe('awaiting_approval');
    expect(() => nextCaseStatus('awaiting_approval', 'refund')).toThrow('售后单当前状态为「待主管审批」，不能退款');
    expect(nextCaseStatus('awaiting_approval', 'approve')).toBe('open');
    expect(nextCaseStatus('awaiting_approval', 'reject')).toBe('open');
    expect(() => nextCaseStatus('open', 'approve')).toThrow(StateError);
    for (const action of CASE_ACTIONS) expect(() => nextCaseStatus('closed', action)).toThrow(StateError);
  });

  it('an offer to take goods back waits for them: no refund or new offer until they arrive, but it can be escalated or withdrawn', () => {
    expect(nextCaseStatus('open', 'await_return')).toBe('awaiting_return');
    expect(() => nextCaseStatus('awaiting_return', 'refund')).toThrow('售后单当前状态为「待买家退回」，不能退款');
    expect(() => nextCaseStatus('awaiting_return', 'propose')).toThrow(StateError);
    expect(nextCaseStatus('awaiting_return', 'escalate')).toBe('awaiting_return');
    expect(nextCaseStatus('awaiting_approval', 'escalate')).toBe('awaiting_approval');
    expect(nextCaseStatus('awaiting_return', 'close')).toBe('closed');
    expect(nextCaseStatus('awaiting_return', 'receive')).toBe('open');
    expect(() => nextCaseStatus('open', 'receive')).toThrow('售后单当前状态为「处理中」，不能退货签收');
    // an exchange's replacement may leave before the return arrives; the case keeps waiting for it
    expect(nextCaseStatus('awaiting_return', 'reship')).toBe('awaiting_return');
    expect(nextCaseStatus('open', 'reship')).toBe('open');
    expect(() => nextCaseStatus('awaiting_approval', 'reship')).toThrow('售后单当前状态为「待主管审批」，不能补发');
  });
});
