import { useQuery } from '@tanstack/react-query';
import { Descriptions, Divider, Drawer, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { AuditTimeline } from '../app/AuditTimeline';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { ClaimActions } from './ClaimActions';
import { fetchClaim, type Claim, type ClaimStatus } from './claimsApi';

const STATUS_COLORS: Record<ClaimStatus, string> = { open: 'orange', submitted: 'blue', settled: 'green', rejected: 'default' };

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{labelOf(t.claims.statuses, status)}</Tag>;
}

/** One claim: what is claimed for which parcel, where it stands with the carrier, the next step and its history. */
export function ClaimDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const claim = useQuery({ queryKey: ['carrierClaim', id], queryFn: () => fetchClaim(id!), enabled: id !== null });
  const k = claim.data;
  return (
    <Drawer open={id !== null} size={600} title={k ? fill(t.claims.detailTitle, { caseNo: k.caseNo }) : t.claims.title} onClose={onClose} data-testid="claim-drawer">
      {claim.isLoading ? <Spin /> : claim.isError ? <LoadError query={claim} /> : k && <ClaimContent claim={k} />}
    </Drawer>
  );
}

function ClaimContent({ claim: k }: { claim: Claim }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const c = t.claims;
  const optional = (key: keyof typeof c, value: string | null) => (value === null ? [] : [{ key, label: c[key] as string, children: value }]);
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'kind', label: c.kind, children: labelOf(c.kinds, k.kind) },
          { key: 'status', label: c.status, children: <ClaimStatusTag status={k.status} /> },
          { key: 'case', label: c.caseNo, children: <Link to={`/aftersales/${k.caseId}`}>{k.caseNo}</Link> },
          { key: 'order', label: c.orderNo, children: <Link to={`/orders/${k.orderId}`}>{k.orderNo}</Link> },
          { key: 'parcel', label: c.parcel, children: `${labelOf(t.carriers, k.carrier)} ${k.trackingNo}` },
          { key: 'lines', label: c.lines, children: k.lines.map((l) => `${l.skuCode} × ${l.quantity}`).join('，') || '—' },
          { key: 'claimed', label: c.claimed, children: formatFen(k.claimed) },
          ...(k.recovered === null ? [] : [{ key: 'recovered', label: c.recovered, children: formatFen(k.recovered) }]),
          ...optional('carrierClaimNo', k.carrierClaimNo),
          { key: 'opened', label: c.openedAt, children: `${formatTime(k.openedAt)} · ${k.automatic ? c.automatic : (k.openedBy ?? c.byHand)}` },
          ...optional('note', k.note),
          ...optional('submittedAt', k.submittedAt && formatTime(k.submittedAt)),
          ...optional('decidedAt', k.decidedAt && formatTime(k.decidedAt)),
          ...optional('outcomeNote', k.outcomeNote),
        ]}
      />
      {can('aftersales.handle') && <ClaimActions claim={k} />}
      <Divider titlePlacement="start">{c.history}</Divider>
      {k.events.length ? <AuditTimeline events={k.events} statuses={c.statuses} /> : <Typography.Text type="secondary">—</Typography.Text>}
    </>
  );
}
