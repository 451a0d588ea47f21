import { Alert, Button, Divider, Form, Input, Popconfirm, Select, type FormInstance } from 'antd';
import { blankToUndefined } from '../app/format';
import { useI18n } from '../app/i18n';
import { optionsOf } from '../app/labels';
import { useApiMutation } from '../app/useApiMutation';
import { recordContact, resolveException, type ContactInput, type LogisticsException, type ResolveInput } from './api';

const NOTE_MAX = 500;

/** What a handled exception changes: the queue, the exception itself, its history and the workbench's counts. */
const refreshed = (id: number) => [['logisticsExceptions'], ['logisticsException', id], ['exceptionEvents', id], ['workbench']];

/**
 * The two steps customer service takes: 记录联系 (how the buyer was reached and what was said; again
 * if they are called again), then, once contacted, 处理完毕 with the outcome, confirmed first.
 */
export function ExceptionActions({ exception }: { exception: LogisticsException }) {
  const { t } = useI18n();
  const l = t.logistics;
  return (
    <>
      <Divider titlePlacement="start">{l.recordContact}</Divider>
      <ContactForm exception={exception} />
      <Divider titlePlacement="start">{l.resolve}</Divider>
      {exception.status === 'open' ? <Alert type="info" showIcon title={l.resolveAfterContact} /> : <ResolveForm exception={exception} />}
    </>
  );
}

/** Ctrl+Enter in a note sends its form, as in the other dialogs. */
const submitOnCtrlEnter = (form: FormInstance) => (e: React.KeyboardEvent) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
};

function ContactForm({ exception }: { exception: LogisticsException }) {
  const { t } = useI18n();
  const l = t.logistics;
  const [form] = Form.useForm<ContactInput>();
  const contact = useApiMutation((body: ContactInput) => recordContact(exception.id, body), {
    success: l.contactRecorded,
    invalidate: refreshed(exception.id),
    form,
    labels: { channel: l.channel, note: l.contactNote },
    onSuccess: () => form.resetFields(),
  });
  return (
    <Form form={form} name="exceptionContact" layout="vertical" onFinish={(values) => contact.mutate(values)}>
      <Form.Item name="channel" label={l.channel} rules={[{ required: true, message: t.common.required }]}>
        <Select options={optionsOf(l.channels)} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="note" label={l.contactNote} extra={t.common.ctrlEnter} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
        <Input.TextArea rows={3} maxLength={NOTE_MAX} showCount placeholder={l.contactNotePlaceholder} onKeyDown={submitOnCtrlEnter(form)} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={contact.isPending}>
        {l.recordContact}
      </Button>
    </Form>
  );
}

function ResolveForm({ exception }: { exception: LogisticsException }) {
  const { t } = useI18n();
  const l = t.logistics;
  const [form] = Form.useForm<ResolveInput>();
  const resolve = useApiMutation((body: ResolveInput) => resolveException(exception.id, body), {
    success: l.resolved,
    invalidate: refreshed(exception.id),
    form,
    labels: { outcome: l.outcome, note: l.outcomeNote },
  });
  // the fields are checked before the confirmation is asked; the mutation has shown any error of the server
  const confirmed = () =>
    form
      .validateFields()
      .then((values) => resolve.mutateAsync(values))
      .catch(() => undefined);
  return (
    <Form form={form} name="exceptionResolve" layout="vertical">
      <Form.Item name="outcome" label={l.outcome} rules={[{ required: true, message: t.common.required }]}>
        <Select options={optionsOf(l.outcomes)} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="note" label={l.outcomeNote} normalize={blankToUndefined}>
        <Input.TextArea rows={2} maxLength={NOTE_MAX} showCount />
      </Form.Item>
      <Popconfirm title={l.resolveConfirm} onConfirm={confirmed} okText={l.resolve} cancelText={t.common.cancel}>
        <Button type="primary" loading={resolve.isPending}>
          {l.resolve}
        </Button>
      </Popconfirm>
    </Form>
  );
}
