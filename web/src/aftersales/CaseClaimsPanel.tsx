import { Button, Card, Form, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAuth } from '../app/auth';
import { blankToUndefined } from '../app/format';
import { FormModal } from '../app/FormModal';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { MoneyInput } from '../app/MoneyInput';
import { formatFen } from '../app/money';
import type { Case } from './api';
import { ClaimDrawer, ClaimStatusTag } from './ClaimDrawer';
import { openClaim, type ClaimKind, type ClaimSummary, type OpenClaimInput } from './claimsApi';

/** The case's carrier claims (理赔), each opened in its drawer; after-sales staff open one by hand. */
export function CaseClaimsPanel({ c }: { c: Case }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const k = t.claims;
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<ClaimSummary> = [
    { title: k.kind, dataIndex: 'kind', render: (v: ClaimKind) => labelOf(k.kinds, v) },
    { title: k.status, dataIndex: 'status', render: (v: ClaimSummary['status']) => <ClaimStatusTag status={v} /> },
    { title: k.parcel, key: 'parcel', render: (_, row) => `${labelOf(t.carriers, row.carrier)} ${row.trackingNo}` },
    { title: k.claimed, dataIndex: 'claimed', align: 'right', render: formatFen },
    { title: k.recovered, dataIndex: 'recovered', align: 'right', render: (v: number | null) => (v === null ? '—' : formatFen(v)) },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, row) => (
        <Button type="link" onClick={() => setOpenId(row.id)}>
          {k.detail}
        </Button>
      ),
    },
  ];
  return (
    <Card
      title={k.caseClaims}
      style={{ marginBottom: 16 }}
      data-testid="case-claims"
      extra={
        can('aftersales.handle') && (
          <Button onClick={() => setCreating(true)} data-testid="new-claim">
            {k.newClaim}
          </Button>
        )
      }
    >
      <Table rowKey="id" size="small" columns={columns} dataSource={c.claims} pagination={false} locale={{ emptyText: k.noClaims }} />
      <FormModal<OpenClaimInput>
        open={creating}
        title={k.newClaimTitle}
        okText={k.newClaim}
        initialValues={{ kind: c.type === 'return_refund' || c.type === 'exchange' ? 'shortfall' : 'damage' }}
        submit={(body) => openClaim(c.id, body)}
        success={k.created}
        invalidate={[['aftersalesCase', c.id], ['carrierClaims']]}
        labels={{ kind: k.kind, amount: k.claimed, note: k.note }}
        onClose={() => setCreating(false)}
      >
        <Form.Item name="kind" label={k.kind} rules={[{ required: true, message: t.common.required }]}>
          <Select options={optionsOf(k.kinds)} />
        </Form.Item>
        <Form.Item name="amount" label={k.claimed} extra={k.amountHint}>
          <MoneyInput style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="note" label={k.note} normalize={blankToUndefined}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </FormModal>
      <ClaimDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
