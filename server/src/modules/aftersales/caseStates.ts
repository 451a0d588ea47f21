import { StateError } from '../../platform/errors';

/**
 * Case states. A case is `open` while customer service works it (offers, refunds); a refund beyond
 * their authority puts it `awaiting_approval` until a supervisor decides; an offer to take the goods
 * back (return, exchange) puts it `awaiting_return` until the warehouse receives them; `closed` when settled.
 */
export const CASE_STATUSES = ['open', 'awaiting_approval', 'awaiting_return', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = ['propose', 'await_return', 'receive', 'refund', 'reship', 'request_approval', 'approve', 'reject', 'escalate', 'close'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = { open: '处理中', awaiting_approval: '待主管审批', awaiting_return: '待买家退回', closed: '已完结' };
const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  propose: '提出方案',
  await_return: '等待退货',
  receive: '退货签收',
  refund: '退款',
  reship: '补发',
  request_approval: '提交主管审批',
  approve: '主管批准',
  reject: '主管驳回',
  escalate: '升级给主管',
  close: '完结',
};

/** The transition table: state → action → the state it leads to. */
export const CASE_TRANSITIONS: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  open: { propose: 'open', await_return: 'awaiting_return', refund: 'open', reship: 'open', request_approval: 'awaiting_approval', escalate: 'open', close: 'closed' },
  awaiting_approval: { approve: 'open', reject: 'open', escalate: 'awaiting_approval' },
  // an exchange's replacement may leave before the buyer's return arrives
  awaiting_return: { receive: 'open', reship: 'awaiting_return', escalate: 'awaiting_return', close: 'closed' },
  closed: {},
};

const isCaseStatus = (value: string): value is CaseStatus => (CASE_STATUSES as readonly string[]).includes(value);

/** The state `action` leads to from `current`, or a StateError (409) naming both. */
export function nextCaseStatus(current: string, action: CaseAction): CaseStatus {
  const next = isCaseStatus(current) ? CASE_TRANSITIONS[current][action] : undefined;
  if (!next) throw new StateError('售后单', current, action, { state: isCaseStatus(current) ? CASE_STATUS_LABELS[current] : current, action: CASE_ACTION_LABELS[action] });
  return next;
}
