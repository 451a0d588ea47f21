import type { QueryKey } from '@tanstack/react-query';
import { Form, Modal, type FormInstance } from 'antd';
import { useEffect, useEffectEvent, useId, type ReactNode } from 'react';
import type { FieldLabels } from './errorText';
import { useI18n } from './i18n';
import { useApiMutation } from './useApiMutation';

interface Props<V, R> {
  open: boolean;
  title: ReactNode;
  /** Values the form opens with (an edited record, or a partly filled new one); undefined = empty form. */
  initialValues?: object;
  submit: (values: V) => Promise<R>;
  /** Toast on success; a function receives the server's answer. Left out when `onSaved` tells the outcome itself. */
  success?: string | ((result: R) => string);
  invalidate: QueryKey[];
  /** What the form calls its fields (path → label), for validation errors in words. */
  labels: FieldLabels;
  onClose: () => void;
  /** Called with what the server answered, after the dialog closed (to open what was just created, say). */
  onSaved?: (result: R) => void;
  width?: number;
  /** The submit button's words (保存 by default): the action, for a dialog that does one. */
  okText?: string;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}

/** A create/edit dialog: a vertical form that saves through the API and marks the fields the server names. */
export function FormModal<V, R = unknown>({ open, title, initialValues, submit, success, invalidate, labels, onClose, onSaved, width, okText, children }: Props<V, R>) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  // A page may hold several dialogs and a filter form: a unique name keeps field ids (and labels) apart.
  const formName = `dialog${useId().replace(/\W/g, '')}`;
  const save = useApiMutation(submit, {
    success,
    invalidate,
    form,
    labels,
    onSuccess: (result) => {
      onClose();
      onSaved?.(result);
    },
  });

  const fillForm = useEffectEvent(() => {
    form.resetFields();
    if (initialValues) form.setFieldsValue(initialValues);
  });
  // Filled when the dialog opens only: callers build initialValues inline on every render.
  useEffect(() => {
    if (open) fillForm();
  }, [open]);

  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()} okText={okText ?? t.common.save} confirmLoading={save.isPending} width={width} forceRender>
      <Form form={form} name={formName} layout="vertical" onFinish={(values) => save.mutate(values)}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
