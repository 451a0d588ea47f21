import { describe, expect, it } from 'vitest';
import { StateError } from '../../platform/errors';
import { HOLDABLE_STATUSES, nextStatus, ORDER_ACTIONS, ORDER_STATUS_LABELS, ORDER_STATUSES, ORDER_TRANSITIONS, STAFF_ACTIONS, TERMINAL_STATUSES, type OrderStatus } from './states';

function reachableFrom(start: OrderStatus): Set<OrderStatus> {
  const seen = new Set<OrderStatus>([start]);
  const queue: OrderStatus[] = [start];
  while (queue.length > 0) {
    const state = queue.shift()!;
    for (const targets of Object.values(ORDER_TRANSITIONS[state])) {
      for (const next of targets ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return seen;
}

describe('order transition table', () => {
  it('reaches every state from pending_payment', () => {
    expect([...reachableFrom('pending_payment')].sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('has no dead end but closed; a cancelled order only closes, once its money is refunded (guards.ts)', () => {
    expect([...TERMINAL_STATUSES]).toEqual(['closed']);
    expect(ORDER_TRANSITIONS.cancelled).toEqual({ close: ['closed'] });
  });

  it('lets every non-terminal state reach a terminal one', () => {
    for (const state of ORDER_STATUSES) {
      const reach = reachableFrom(state);
      expect(TERMINAL_STATUSES.some((t) => reach.has(t)), state).toBe(true);
    }
  });

  it('follows the happy path from payment to completion', () => {
    const path = [
      ['pay', 'awaiting_review'],
      ['approve', 'awaiting_fulfillment'],
      ['start_fulfillment', 'in_fulfillment'],
      ['ship', 'shipped'],
      ['deliver', 'delivered'],
      ['complete', 'completed'],
    ] as const;
    let state: OrderStatus = 'pending_payment';
    for (const [action, expected] of path) {
      state = nextStatus(state, action);
      expect(state).toBe(expected);
    }
  });

  it('refuses moves not in the table with a 409 naming the state and the action', () => {
    for (const state of ORDER_STATUSES) {
      for (const action of ORDER_ACTIONS) {
        if (ORDER_TRANSITIONS[state][action]) continue;
        const attempt = () => nextStatus(state, action);
        expect(attempt).toThrow(StateError);
        try {
          attempt();
        } catch (err) {
          expect((err as StateError).status).toBe(409);
          expect((err as StateError).message).toContain(ORDER_STATUS_LABELS[state]);
          expect((err as StateError).currentState).toBe(state);
          expect((err as StateError).action).toBe(action);
        }
      }
    }
  });

  it('never ships, cancels or pays a shipped order', () => {
    expect(() => nextStatus('shipped', 'cancel')).toThrow(StateError);
    expect(() => nextStatus('awaiting_fulfillment', 'pay')).toThrow(StateError);
    expect(() => nextStatus('on_hold', 'start_fulfillment')).toThrow(StateError);
  });

  it('releases a hold only back to a state a hold can come from', () => {
    for (const from of HOLDABLE_STATUSES) {
      expect(nextStatus(from, 'hold')).toBe('on_hold');
      expect(nextStatus('on_hold', 'release', from)).toBe(from);
    }
    expect(() => nextStatus('on_hold', 'release')).toThrow(StateError);
    expect(() => nextStatus('on_hold', 'release', 'shipped')).toThrow(StateError);
  });

  it('sends a short-picked order from 配货中 back to review, and only fulfillment does it', () => {
    expect(ORDER_STATUSES.filter((s) => ORDER_TRANSITIONS[s].short_pick)).toEqual(['in_fulfillment']);
    expect(nextStatus('in_fulfillment', 'short_pick')).toBe('on_hold');
    expect(STAFF_ACTIONS).not.toContain('short_pick');
  });
});
