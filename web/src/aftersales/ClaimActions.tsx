import { Button, Divider, Form, Input, Popconfirm, type FormInstance } from 'antd';
import { blankToUndefined } from '../app/format';
import { useI18n } from '../app/i18n';
import { MoneyInput } from '../app/MoneyInput';
import { useApiMutation } from '../app/useApiMutation';
import { claimRefreshed, rejectClaim, settleClaim, submitClaim, type Claim, type SettleClaimInput, type SubmitClaimInput } from './claimsApi';

const NOTE_MAX = 500;

/** Checks the form, then runs the move once confirmed; the mutation shows any error of the server. */
const confirmed = <V,>(form: FormInstance<V>, run: (values: V) => Promise<unknown>) => () =>
  form
    .validateFields()
    .then(run)
    .catch(() => undefined);

/**
 * The claim's next step by its state (claimStates.ts): 已提交快递公司 while open; once submitted,
 * 登记赔付 (at most what was claimed) or 登记拒赔. Each is confirmed first; settled and rejected are final.
 */
export function ClaimActions({ claim }: { claim: Claim }) {
  if (claim.status === 'open') return <SubmitForm claim={claim} />;
  if (claim.status !== 'submitted') return null;
  return (
    <>
      <SettleForm claim={claim} />
      <RejectForm claim={claim} />
    </>
  );
}

function SubmitForm({ claim }: { claim: Claim }) {
  const { t } = useI18n();
  const c = t.claims;
  const [form] = Form.useForm<SubmitClaimInput>();
  const submit = useApiMutation((body: SubmitClaimInput) => submitClaim(claim.id, body), { success: c.submitted, invalidate: claimRefreshed(claim), form, labels: { claimNo: c.carrierClaimNo, note: c.submitNote } });
  return (
    <>
      <Divider titlePlacement="start">{c.submit}</Divider>
      <Form form={form} name="claimSubmit" layout="vertical">
        <Form.Item name="claimNo" label={c.carrierClaimNo} normalize={blankToUndefined}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="note" label={c.submitNote} normalize={blankToUndefined}>
          <Input.TextArea rows={2} maxLength={NOTE_MAX} showCount />
        </Form.Item>
        <Popconfirm title={c.submitConfirm} onConfirm={confirmed(form, (v) => submit.mutateAsync(v))} okText={c.submit} cancelText={t.common.cancel}>
          <Button type="primary" loading={submit.isPending}>
            {c.submit}
          </Button>
        </Popconfirm>
      </Form>
    </>
  );
}

function SettleForm({ claim }: { claim: Claim }) {
  const { t } = useI18n();
  const c = t.claims;
  const [form] = Form.useForm<SettleClaimInput>();
  const settle = useApiMutation((body: SettleClaimInput) => settleClaim(claim.id, body), { success: c.settled, invalidate: claimRefreshed(claim), form, labels: { amount: c.settleAmount, note: c.outcomeNote } });
  return (
    <>
      <Divider titlePlacement="start">{c.settle}</Divider>
      <Form form={form} name="claimSettle" layout="vertical" initialValues={{ amount: claim.claimed }}>
        <Form.Item name="amount" label={c.settleAmount} rules={[{ required: true, message: t.common.required }]}>
          <MoneyInput style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="note" label={c.outcomeNote} normalize={blankToUndefined}>
          <Input.TextArea rows={2} maxLength={NOTE_MAX} showCount />
        </Form.Item>
        <Popconfirm title={c.settleConfirm} onConfirm={confirmed(form, (v) => settle.mutateAsync(v))} okText={c.settle} cancelText={t.common.cancel}>
          <Button type="primary" loading={settle.isPending}>
            {c.settle}
          </Button>
        </Popconfirm>
      </Form>
    </>
  );
}

function RejectForm({ claim }: { claim: Claim }) {
  const { t } = useI18n();
  const c = t.claims;
  const [form] = Form.useForm<{ note: string }>();
  const reject = useApiMutation((body: { note: string }) => rejectClaim(claim.id, body.note), { success: c.rejected, invalidate: claimRefreshed(claim), form, labels: { note: c.rejectNote } });
  return (
    <>
      <Divider titlePlacement="start">{c.reject}</Divider>
      <Form form={form} name="claimReject" layout="vertical">
        <Form.Item name="note" label={c.rejectNote} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
          <Input.TextArea rows={2} maxLength={NOTE_MAX} showCount />
        </Form.Item>
        <Popconfirm title={c.rejectConfirm} onConfirm={confirmed(form, (v) => reject.mutateAsync(v))} okText={c.reject} cancelText={t.common.cancel}>
          <Button danger loading={reject.isPending}>
            {c.reject}
          </Button>
        </Popconfirm>
      </Form>
    </>
  );
}
