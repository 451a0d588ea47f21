import { StateError } from '../../platform/errors';

/**
 * Carrier claim states. A claim is `open` while after-sales gathers what the carrier asks for,
 * `submitted` once filed with the carrier (its claim number kept), then `settled` (the carrier
 * paid) or `rejected` (it refused); both are final.
 */
export const CLAIM_STATUSES = ['open', 'submitted', 'settled', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_ACTIONS = ['submit', 'settle', 'reject'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = { open: '待提交', submitted: '已提交快递公司', settled: '已赔付', rejected: '已拒赔' };
const CLAIM_ACTION_LABELS: Record<ClaimAction, string> = { submit: '提交理赔', settle: '登记赔付', reject: '登记拒赔' };

/** The transition table: state → action → the state it leads to. */
export const CLAIM_TRANSITIONS: Record<ClaimStatus, Partial<Record<ClaimAction, ClaimStatus>>> = {
  open: { submit: 'submitted' },
  submitted: { settle: 'settled', reject: 'rejected' },
  settled: {},
  rejected: {},
};

/** Claims not yet answered by the carrier: one of a kind at a time per case, and first in the queue. */
export const UNDECIDED_CLAIM_STATUSES: readonly ClaimStatus[] = ['open', 'submitted'];

const isClaimStatus = (value: string): value is ClaimStatus => (CLAIM_STATUSES as readonly string[]).includes(value);

/** The state `action` leads to from `current`, or a StateError (409) naming both. */
export function nextClaimStatus(current: string, action: ClaimAction): ClaimStatus {
  const next = isClaimStatus(current) ? CLAIM_TRANSITIONS[current][action] : undefined;
  if (!next) throw new StateError('理赔单', current, action, { state: isClaimStatus(current) ? CLAIM_STATUS_LABELS[current] : current, action: CLAIM_ACTION_LABELS[action] });
  return next;
}
