import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { AuditTimeline } from '../app/AuditTimeline';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { fetchCase, type Case } from './api';
import { CaseActions } from './CaseActions';
import { CaseClaimsPanel } from './CaseClaimsPanel';
import { CaseEvidencePanel } from './CaseEvidencePanel';
import { EvidenceList } from './EvidenceList';
import { CaseDeadline, CaseStatusTag, CaseTags, ProposalText } from './labels';
import { RefundsPanel } from './RefundsPanel';
import type { AftersalesMessages } from '../app/locales/aftersales';
import { ReshipsCard } from './ReshipsCard';

type Line = Case['lines'][number];

/** A complaint's category, and once closed whose fault it was and whether it was resolved. */
function complaintItems(c: Case, a: AftersalesMessages) {
  if (!c.complaint) return [];
  const { category, ours, resolved, apologizedAt } = c.complaint;
  return [
    { key: 'complaintCategory', label: a.complaintCategory, children: labelOf(a.complaintCategories, category) },
    ...(ours !== null && resolved !== null
      ? [{ key: 'complaintOutcome', label: a.complaintOutcome, children: fill(a.complaintOutcomeText, { ours: ours ? a.ours : a.notOurs, resolved: resolved ? a.resolved : a.unresolved }) }]
      : []),
    ...(apologizedAt ? [{ key: 'apologizedAt', label: a.apologizedAt, children: formatTime(apologizedAt) }] : []),
  ];
}

/** The solution offered to the buyer, or 未提出方案. */
function ProposalCard({ c }: { c: Case }) {
  const { t } = useI18n();
  const a = t.aftersales;
  return (
    <Card title={a.proposalTitle} style={{ marginBottom: 16 }} data-testid="case-proposal">
      {c.proposal ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'solution', label: a.solution, children: <ProposalText proposal={c.proposal} withNote={false} /> },
            { key: 'note', label: a.note, children: c.proposal.note },
            { key: 'at', label: a.proposedAt, children: formatTime(c.proposal.at) },
          ]}
        />
      ) : (
        <ProposalText proposal={null} />
      )}
    </Card>
  );
}

/** 售后单详情: the case, its lines, evidence, solution, the order's refunds and history, and what the user may do now. */
export default function CaseDetailPage() {
  const { t } = useI18n();
  const a = t.aftersales;
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useQuery({ queryKey: ['aftersalesCase', id], queryFn: () => fetchCase(id), enabled: Number.isInteger(id) });

  if (query.isLoading) return <Spin />;
  if (query.isError) return <LoadError query={query} />;
  if (!query.data) return <Result status="404" title={t.common.noPermission} />;
  const c = query.data;

  const lineColumns: TableColumnsType<Line> = [
    { title: a.skuCode, dataIndex: 'skuCode' },
    { title: a.product, dataIndex: 'productName' },
    { title: a.spec, dataIndex: 'spec' },
    { title: a.quantity, dataIndex: 'quantity', align: 'right' },
    { title: a.unitPrice, dataIndex: 'unitPrice', align: 'right', render: formatFen },
    ...(c.receivedAt ? [{ title: a.received, dataIndex: 'received', align: 'right' as const }] : []),
  ];
  const settlement = c.settlement;
  const pending = c.pendingApproval;

  return (
    <div>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t.common.back}
        </Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {fill(a.detailTitle, { caseNo: c.caseNo })}
        </Typography.Title>
        <Tag>{labelOf(a.types, c.type)}</Tag>
        <CaseStatusTag status={c.status} />
        <CaseTags c={c} />
        {c.shippingInsurance && <Tag color="geekblue">{a.shippingInsuranceTag}</Tag>}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={4}
            items={[
              { key: 'order', label: a.orderNo, children: <Link to={`/orders/${c.orderId}`}>{c.orderNo}</Link> },
              { key: 'owner', label: a.owner, children: c.owner },
              { key: 'opened', label: a.openedAt, children: formatTime(c.openedAt) },
              { key: 'deadline', label: a.deadline, children: c.status === 'closed' ? formatTime(c.closedAt) : <CaseDeadline c={c} /> },
              { key: 'reason', label: a.reason, children: c.reason, span: 2 },
              ...(c.severity ? [{ key: 'severity', label: a.severity, children: labelOf(a.severities, c.severity) }] : []),
              ...complaintItems(c, a),
              { key: 'refunded', label: a.refunded, children: formatFen(c.refunded) },
              ...(settlement
                ? [
                    {
                      key: 'settlement',
                      label: a.settlement,
                      span: 2,
                      children: fill(a.settlementText, {
                        amount: formatFen(settlement.amount),
                        goods: formatFen(settlement.goods),
                        shipping: formatFen(settlement.shipping - settlement.shippingDeducted),
                        returnShipping: formatFen(settlement.returnShipping),
                      }),
                    },
                  ]
                : []),
              ...(c.overrideReason ? [{ key: 'override', label: a.overrideReason, children: c.overrideReason, span: 2 }] : []),
            ]}
          />
          {pending && (
            <Alert
              type="warning"
              showIcon
              title={a.pendingTitle}
              description={fill(a.pending, { amount: formatFen(pending.amount), reason: pending.reason, requestedBy: pending.requestedBy ?? t.events.system, at: formatTime(pending.requestedAt) })}
            />
          )}
          <CaseActions c={c} />
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={a.lines} style={{ marginBottom: 16 }}>
            <Table rowKey="orderItemId" size="small" columns={lineColumns} dataSource={c.lines} pagination={false} locale={{ emptyText: a.noLines }} />
          </Card>
          <ReshipsCard reships={c.reships} />
          <EvidenceList evidence={c.evidence} />
          <CaseEvidencePanel c={c} />
          <RefundsPanel orderId={c.orderId} />
          <CaseClaimsPanel c={c} />
        </Col>
        <Col xs={24} xl={8}>
          <ProposalCard c={c} />
          <Card title={a.timeline}>
            <AuditTimeline events={c.events} statuses={a.statuses} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
