import { Space, Tag, Typography } from 'antd';
import { Countdown } from '../app/Countdown';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { formatFen } from '../app/money';
import type { CaseStatus, CaseSummary, Proposal } from './api';

const STATUS_COLORS: Record<CaseStatus, string> = { open: 'blue', awaiting_approval: 'orange', awaiting_return: 'cyan', closed: 'default' };
/** A case due within this long shows its countdown amber. */
const WARN_WITHIN_MS = 2 * 60 * 60 * 1000;

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{labelOf(t.aftersales.statuses, status)}</Tag>;
}

/** 七天无理由, 疑难 and 已升级主管: what changes how a case is handled, at a glance. */
export function CaseTags({ c }: { c: Pick<CaseSummary, 'noReason' | 'difficult' | 'escalatedAt'> }) {
  const { t } = useI18n();
  return (
    <>
      {c.noReason && <Tag color="green">{t.aftersales.noReasonTag}</Tag>}
      {c.difficult && <Tag color="volcano">{t.aftersales.difficultTag}</Tag>}
      {c.escalatedAt && <Tag color="red">{t.aftersales.escalatedTag}</Tag>}
    </>
  );
}

/**
 * The deadline as a countdown (red 已超时 once past) while a solution is still owed; once one was
 * offered, or the case closed, the deadline no longer runs.
 */
export function CaseDeadline({ c }: { c: Pick<CaseSummary, 'deadline' | 'proposal' | 'status'> }) {
  const { t } = useI18n();
  if (c.status === 'closed') return null;
  if (c.proposal) return <Typography.Text type="secondary">{t.aftersales.deadlineMet}</Typography.Text>;
  return <Countdown dueAt={c.deadline} warnWithinMs={WARN_WITHIN_MS} />;
}

/** "部分退款 ¥20.00 · 买家同意…", or 未提出方案. */
export function ProposalText({ proposal, withNote = true }: { proposal: Proposal | null; withNote?: boolean }) {
  const { t } = useI18n();
  if (!proposal) return <Typography.Text type="secondary">{t.aftersales.noProposal}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{labelOf(t.aftersales.solutions, proposal.solution)}</span>
      {proposal.amount !== null && <span>{formatFen(proposal.amount)}</span>}
      {withNote && <Typography.Text type="secondary">· {proposal.note}</Typography.Text>}
    </Space>
  );
}
