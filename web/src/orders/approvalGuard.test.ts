import { describe, expect, it } from 'vitest';
import { approvalRefusal, follow, movedByUser, NO_CURSOR, SETTLE_MS } from './approvalGuard';

describe('the review queue’s approval guard', () => {
  it('refuses a second a while the first approval is still on its way', () => {
    const cursor = movedByUser(1, 0);
    expect(approvalRefusal(cursor, false, 10)).toBeNull();
    expect(approvalRefusal(cursor, true, 20)).toBe('in_flight');
  });

  it('refuses the row an approval moved under the cursor until it has been in view a moment', () => {
    const approvedRow = movedByUser(1, 0);
    const next = follow(approvedRow, 2, 1_000);
    expect(approvalRefusal(next, false, 1_000 + 100)).toBe('unseen');
    expect(approvalRefusal(next, false, 1_000 + SETTLE_MS - 1)).toBe('unseen');
    expect(approvalRefusal(next, false, 1_000 + SETTLE_MS)).toBeNull();
  });

  it('lets the reviewer act at once on a row they moved to', () => {
    const landed = follow(movedByUser(1, 0), 2, 1_000);
    const chosen = movedByUser(3, 1_010);
    expect(approvalRefusal(follow(chosen, 3, 1_011), false, 1_020)).toBeNull();
    expect(approvalRefusal(landed, false, 1_020)).toBe('unseen');
  });

  it('keeps the time a row landed while the same row stays under the cursor', () => {
    const landed = follow(NO_CURSOR, 5, 2_000);
    expect(follow(landed, 5, 2_500)).toBe(landed);
    expect(approvalRefusal(follow(landed, 5, 2_500), false, 2_500)).toBe('unseen');
  });

  it('treats a row a refresh put under the cursor as unseen', () => {
    const chosen = movedByUser(7, 0);
    const reordered = follow(chosen, 8, 60_000);
    expect(reordered).toEqual({ rowId: 8, since: 60_000, byUser: false });
    expect(approvalRefusal(reordered, false, 60_050)).toBe('unseen');
  });
});
