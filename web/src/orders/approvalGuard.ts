/**
 * The review queue approves the row under its cursor on `a`. When an approval succeeds the next
 * order moves up under the cursor; a second `a` typed in the same breath must not approve an
 * order the reviewer has not looked at. These helpers decide when `a` counts.
 */

/** How long a row must sit under the cursor, when it got there by itself, before `a` approves it. */
export const SETTLE_MS = 600;

/** The row under the cursor, since when, and whether the reviewer put it there (j/k, a click). */
export interface Cursor {
  rowId: number | null;
  since: number;
  byUser: boolean;
}

export const NO_CURSOR: Cursor = { rowId: null, since: 0, byUser: false };

/** The reviewer moved the cursor to `rowId`: they chose that row and may act on it at once. */
export function movedByUser(rowId: number, now: number): Cursor {
  return { rowId, since: now, byUser: true };
}

/**
 * The cursor after the table rendered `rowId` under it: unchanged while it is the same row;
 * otherwise the row got there by itself (an approval moved the cursor on, a refresh reordered the queue).
 */
export function follow(cursor: Cursor, rowId: number | null, now: number): Cursor {
  return cursor.rowId === rowId ? cursor : { rowId, since: now, byUser: false };
}

/** Why `a` does nothing now: an approval is still on its way, or the row has not been in view long enough. */
export type Refusal = 'in_flight' | 'unseen';

export function approvalRefusal(cursor: Cursor, inFlight: boolean, now: number): Refusal | null {
  if (inFlight) return 'in_flight';
  if (!cursor.byUser && now - cursor.since < SETTLE_MS) return 'unseen';
  return null;
}
