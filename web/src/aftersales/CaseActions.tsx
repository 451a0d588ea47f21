import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useAuth } from '../app/auth';
import { FormModal } from '../app/FormModal';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { MoneyInput, moneyRule } from '../app/MoneyInput';
import { ReasonDialog } from '../orders/ReasonDialog';
import { approveRefund, closeCase, escalateCase, MONEY_SOLUTIONS, proposeSolution, refundCase, rejectRefund, SOLUTIONS, type Case, type CaseStatus, type CloseInput, type EscalateInput, type ProposeInput, type RefundInput } from './api';
import { ReshipDialog } from './ReshipDialog';
import { refundEffect } from './refundEffect';

type Action = 'propose' | 'refund' | 'reship' | 'escalate' | 'close' | 'approve' | 'reject';

/**
 * What can be done to a case in each state (the server's transition table, `caseStates.ts`), and
 * the permission each needs; the server refuses anything else in words.
 */
const ACTIONS: Record<CaseStatus, Action[]> = {
  open: ['propose', 'refund', 'reship', 'escalate', 'close'],
  awaiting_approval: ['approve', 'reject', 'escalate'],
  awaiting_return: ['reship', 'escalate', 'close'],
  closed: [],
};
const PERMISSION: Record<Action, string> = {
  propose: 'aftersales.handle',
  refund: 'aftersales.handle',
  reship: 'aftersales.handle',
  escalate: 'aftersales.handle',
  close: 'aftersales.handle',
  approve: 'aftersales.approve',
  reject: 'aftersales.approve',
};

/** The refund was paid (its amount), or it waits for a supervisor (the server's words). */
type RefundOutcome = { paid: number } | { waiting: string };

async function refundOrAsk(id: number, body: RefundInput): Promise<RefundOutcome> {
  try {
    await refundCase(id, body);
    return { paid: body.amount };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'approval_required') return { waiting: err.message };
    throw err;
  }
}

const noteRule = (message: string) => [{ required: true, whitespace: true, message }];

/** The buttons for what the user may do to the case now, each with its dialog; every change refreshes the case, the lists and the order's refunds. */
export function CaseActions({ c }: { c: Case }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Action | null>(null);
  const close = () => setDialog(null);
  const a = t.aftersales;
  const invalidate = [['aftersalesCase', c.id], ['aftersalesCases'], ['orderRefunds', c.orderId], ['order', c.orderId]];
  const refresh = () => Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  // 补发 only while the case has something left to send (its type allows it, and not all was sent)
  const canReship = c.reshipOptions.some((o) => o.quantity > 0);
  const allowed = ACTIONS[c.status].filter((action) => can(PERMISSION[action]) && (action !== 'reship' || canReship));
  if (!allowed.length) return null;

  return (
    <>
      <Space wrap>
        {allowed.map((action) => (
          <Button key={action} type={action === 'approve' || action === 'propose' ? 'primary' : undefined} danger={action === 'reject'} onClick={() => setDialog(action)}>
            {a.actions[action]}
          </Button>
        ))}
      </Space>

      <FormModal<ProposeInput>
        open={dialog === 'propose'}
        title={a.actions.propose}
        okText={a.actions.propose}
        submit={(body) => proposeSolution(c.id, body)}
        success={a.proposed}
        invalidate={invalidate}
        labels={{ solution: a.solution, amount: a.amount, note: a.proposeNote }}
        onClose={close}
      >
        <Form.Item name="solution" label={a.solution} rules={[{ required: true, message: t.common.required }]}>
          <Select options={SOLUTIONS.map((s) => ({ value: s, label: labelOf(a.solutions, s) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['solution']}>
          {({ getFieldValue }) =>
            MONEY_SOLUTIONS.includes(getFieldValue('solution') as ProposeInput['solution']) && (
              <Form.Item name="amount" label={a.amount} rules={[{ required: true, message: t.common.required }, moneyRule(t.common.invalidMoney)]}>
                <MoneyInput />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="note" label={a.proposeNote} rules={noteRule(t.common.required)}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </FormModal>

      <FormModal<RefundInput, RefundOutcome>
        open={dialog === 'refund'}
        title={a.actions.refund}
        okText={a.actions.refund}
        submit={(body) => refundOrAsk(c.id, body)}
        invalidate={invalidate}
        labels={{ amount: a.refundAmount, reason: a.refundReason }}
        // a received return offers what it is worth, less what the case refunded already
        initialValues={c.suggestedRefund === null ? undefined : { amount: Math.max(0, c.suggestedRefund - c.refunded) }}
        onClose={close}
        onSaved={(outcome) => {
          // beyond the agent's authority the request is kept and waits: a warning, not an error
          if ('waiting' in outcome) void message.warning(outcome.waiting, 8);
          else void message.success(fill(a.refundDone, { amount: formatFen(outcome.paid) }));
        }}
      >
        <Form.Item name="amount" label={a.refundAmount} rules={[{ required: true, message: t.common.required }, moneyRule(t.common.invalidMoney)]}>
          <MoneyInput />
        </Form.Item>
        <Form.Item noStyle dependencies={['amount']}>
          {({ getFieldValue }) => {
            // what the refund does to an order not shipped, said before it is confirmed
            const effect = refundEffect(c, getFieldValue('amount') as number | undefined);
            return effect && <Alert type={effect === 'inWave' ? 'error' : 'warning'} showIcon title={a.refundEffects[effect]} style={{ marginBottom: 16 }} data-testid="refund-effect" />;
          }}
        </Form.Item>
        <Form.Item name="reason" label={a.refundReason} rules={noteRule(t.common.required)}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>

      <FormModal<EscalateInput>
        open={dialog === 'escalate'}
        title={a.actions.escalate}
        okText={a.actions.escalate}
        submit={(body) => escalateCase(c.id, body)}
        success={a.escalatedDone}
        invalidate={invalidate}
        labels={{ note: a.escalateNote, difficult: a.difficult }}
        initialValues={{ difficult: c.difficult }}
        onClose={close}
      >
        <Form.Item name="note" label={a.escalateNote} rules={noteRule(t.common.required)}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="difficult" valuePropName="checked">
          <Checkbox disabled={c.difficult}>{a.difficult}</Checkbox>
        </Form.Item>
      </FormModal>

      {dialog === 'reship' && <ReshipDialog c={c} invalidate={invalidate} onClose={close} />}

      {c.pendingApproval && (
        <FormModal<{ amount: number }, Case>
          open={dialog === 'approve'}
          title={a.actions.approve}
          okText={a.actions.approve}
          submit={({ amount }) => approveRefund(c.id, amount)}
          success={(result) => fill(a.approvedDone, { amount: formatFen(result.refunded - c.refunded) })}
          invalidate={invalidate}
          labels={{ amount: a.approveAmount }}
          initialValues={{ amount: c.pendingApproval.amount }}
          onClose={close}
        >
          <Alert type="info" showIcon title={fill(a.approveHint, { amount: formatFen(c.pendingApproval.amount) })} style={{ marginBottom: 16 }} />
          <Form.Item name="amount" label={a.approveAmount} rules={[{ required: true, message: t.common.required }, moneyRule(t.common.invalidMoney)]}>
            <MoneyInput />
          </Form.Item>
        </FormModal>
      )}

      <ReasonDialog
        open={dialog === 'reject'}
        title={a.actions.reject}
        label={a.rejectNote}
        danger
        onClose={close}
        onSubmit={async (note) => {
          await rejectRefund(c.id, note!);
          void message.success(a.rejectedDone);
          await refresh();
        }}
      />
      {c.type === 'complaint' ? (
        <FormModal<CloseInput>
          open={dialog === 'close'}
          title={a.actions.close}
          okText={a.actions.close}
          submit={(body) => closeCase(c.id, body)}
          success={a.closedDone}
          invalidate={invalidate}
          labels={{ ours: a.complaintOutcome, resolved: a.complaintOutcome, note: a.closeNote }}
          onClose={close}
        >
          <Alert type="info" showIcon title={a.complaintCloseHint} style={{ marginBottom: 16 }} />
          <Form.Item name="ours" label={a.complaintOutcome} rules={[{ required: true, message: t.common.required }]}>
            <Radio.Group options={[{ value: true, label: a.ours }, { value: false, label: a.notOurs }]} />
          </Form.Item>
          <Form.Item name="resolved" rules={[{ required: true, message: t.common.required }]}>
            <Radio.Group options={[{ value: true, label: a.resolved }, { value: false, label: a.unresolved }]} />
          </Form.Item>
          <Form.Item name="note" label={a.closeNote}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </FormModal>
      ) : (
        <ReasonDialog
          open={dialog === 'close'}
          title={a.actions.close}
          label={a.closeNote}
          warning={a.closeConfirm}
          required={false}
          onClose={close}
          onSubmit={async (note) => {
            await closeCase(c.id, note ? { note } : {});
            void message.success(a.closedDone);
            await refresh();
          }}
        />
      )}
    </>
  );
}
