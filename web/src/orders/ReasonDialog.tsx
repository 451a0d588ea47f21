import { Alert, Form, Input, Modal, type GetRef } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useShowError } from '../app/errors';
import { useI18n } from '../app/i18n';

interface Props {
  open: boolean;
  title: string;
  label: string;
  /** Shown above the input: what confirming will do. */
  warning?: string;
  required?: boolean;
  danger?: boolean;
  onSubmit: (reason: string | undefined) => Promise<unknown>;
  onClose: () => void;
}

/** Asks for a reason before an action (hold, cancel, close); also its confirmation step. */
export function ReasonDialog({ open, title, label, warning, required = true, danger, onSubmit, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason?: string }>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const formName = `reason${useId().replace(/\W/g, '')}`;
  const inputRef = useRef<GetRef<typeof Input.TextArea>>(null);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  async function submit({ reason }: { reason?: string }) {
    setBusy(true);
    try {
      await onSubmit(reason?.trim() || undefined);
      onClose();
    } catch (err) {
      showError(err, form, { reason: label });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={title}
      okButtonProps={{ danger }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      // keyboard users (the review queue's "h") type the reason straight away
      afterOpenChange={(visible) => visible && inputRef.current?.focus()}
      forceRender
    >
      {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />}
      <Form form={form} name={formName} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={label} extra={t.common.ctrlEnter} rules={[{ required, whitespace: true, message: t.common.required }]}>
          <Input.TextArea
            ref={inputRef}
            rows={3}
            maxLength={200}
            showCount
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
