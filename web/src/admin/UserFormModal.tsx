import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../app/i18n';
import { optionsOf } from '../app/labels';
import { useApiMutation } from '../app/useApiMutation';
import { createUser, updateUser, type Role, type User } from './api';

interface Props {
  /** The user being edited; null = create a new one. */
  user: User | null;
  open: boolean;
  onClose(): void;
}

interface Values {
  username: string;
  displayName: string;
  password?: string;
  roles: Role[];
}

export function UserFormModal({ user, open, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const save = useApiMutation(
    (values: Values) =>
      user
        ? updateUser(user.id, { displayName: values.displayName, roles: values.roles, ...(values.password && { password: values.password }) })
        : createUser({ username: values.username, displayName: values.displayName, roles: values.roles, password: values.password ?? '' }),
    { success: user ? t.common.saved : t.users.created, invalidate: [['users']], form, onSuccess: onClose },
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ username: user.username, displayName: user.displayName, roles: user.roles });
  }, [open, user, form]);

  return (
    <Modal
      open={open}
      title={user ? t.users.edit : t.users.create}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
    >
      <Form form={form} name="user" layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item name="username" label={t.users.username} rules={[{ required: true, message: t.common.required }]}>
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t.users.displayName} rules={[{ required: true, message: t.common.required }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? t.users.newPassword : t.users.password}
          rules={[{ required: !user, message: t.common.required }, { min: 8, message: t.users.passwordRule }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t.users.roles} rules={[{ required: true, message: t.users.rolesRequired }]}>
          <Select mode="multiple" options={optionsOf(t.roles)} allowClear />
        </Form.Item>
      </Form>
    </Modal>
  );
}
