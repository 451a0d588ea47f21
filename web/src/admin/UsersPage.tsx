import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Popconfirm, Select, Space, Tag, type TableColumnsType } from 'antd';
import { AuditDrawer } from '../app/AuditDrawer';
import { FormModal } from '../app/FormModal';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ActiveTag } from '../app/ActiveTag';
import { useAuth } from '../app/auth';
import { FilterBar } from '../app/FilterBar';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { useApiMutation } from '../app/useApiMutation';
import { createUser, fetchUserEvents, fetchUsers, unlockUser, updateUser, type Role, type User } from './api';

interface UserValues {
  username: string;
  displayName: string;
  password?: string;
  roles: Role[];
}

/** Saves the dialog: a new user, or the edited one (a password only when one was typed). */
/** Popconfirm keeps its button loading while the promise runs; the mutation has already shown the error. */
const shownByMutation = () => undefined;

function saveUser(user: User | null, values: UserValues) {
  const { username, displayName, roles, password } = values;
  return user ? updateUser(user.id, { displayName, roles, ...(password && { password }) }) : createUser({ username, displayName, roles, password: password ?? '' });
}

function isLocked(user: User) {
  return !!user.lockedUntil && dayjs(user.lockedUntil).isAfter(dayjs());
}

export default function UsersPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useListParams();
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const [historyOf, setHistoryOf] = useState<User | null>(null);
  const manage = can('users.manage');

  const users = useQuery({
    queryKey: ['users', list.query],
    queryFn: () => fetchUsers({ q: list.filters.q, role: list.filters.role as Role | undefined, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const setActive = useApiMutation((vars: { user: User; active: boolean }) => updateUser(vars.user.id, { active: vars.active }), {
    success: t.common.saved,
    invalidate: [['users']],
  });
  const unlock = useApiMutation((user: User) => unlockUser(user.id), { success: t.users.unlocked, invalidate: [['users']] });

  const columns: TableColumnsType<User> = [
    { title: t.users.username, dataIndex: 'username' },
    { title: t.users.displayName, dataIndex: 'displayName' },
    {
      title: t.users.roles,
      dataIndex: 'roles',
      render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{labelOf(t.roles, r)}</Tag>),
    },
    {
      title: t.users.status,
      key: 'status',
      render: (_, user) =>
        isLocked(user) ? (
          <Tag color="orange">{fill(t.users.locked, { until: formatTime(user.lockedUntil) })}</Tag>
        ) : (
          <ActiveTag active={user.active} />
        ),
    },
    { title: t.common.createdAt, dataIndex: 'createdAt', render: formatTime },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, user) => (
        <Space>
          {manage && (
            <Button type="link" size="small" onClick={() => setEditing({ user })}>
              {t.common.edit}
            </Button>
          )}
          {manage &&
            (user.active ? (
              <Popconfirm title={fill(t.users.deactivateConfirm, { name: user.displayName })} onConfirm={() => setActive.mutateAsync({ user, active: false }).catch(shownByMutation)}>
                <Button type="link" size="small" danger>
                  {t.users.deactivate}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="link" size="small" onClick={() => setActive.mutate({ user, active: true })}>
                {t.users.activate}
              </Button>
            ))}
          {manage && isLocked(user) && (
            <Button type="link" size="small" onClick={() => unlock.mutate(user)}>
              {t.users.unlock}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => setHistoryOf(user)}>
            {t.common.history}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Page
      title={t.users.title}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>
            {t.users.create}
          </Button>
        )
      }
    >
      <FilterBar list={list}>
        <Form.Item name="q">
          <Input placeholder={t.users.searchPlaceholder} allowClear />
        </Form.Item>
        <Form.Item name="role" label={t.users.roles}>
          <Select options={optionsOf(t.roles)} allowClear placeholder={t.common.all} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListTable
        list={list}
        query={users}
        rowKey="id"
        columns={columns}
      />
      <AuditDrawer
        target={historyOf && { key: `user-${historyOf.id}`, title: `${historyOf.displayName} · ${t.common.history}`, load: () => fetchUserEvents(historyOf.id) }}
        onClose={() => setHistoryOf(null)}
      />
      <FormModal<UserValues>
        open={!!editing}
        title={editing?.user ? t.users.edit : t.users.create}
        initialValues={editing?.user ?? undefined}
        submit={(values) => saveUser(editing?.user ?? null, values)}
        success={editing?.user ? t.common.saved : t.users.created}
        invalidate={[['users']]}
        labels={{ username: t.users.username, displayName: t.users.displayName, password: t.users.password, 'roles.*': t.users.roles }}
        onClose={() => setEditing(null)}
      >
        <Form.Item name="username" label={t.users.username} rules={[{ required: true, message: t.common.required }]}>
          <Input disabled={!!editing?.user} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t.users.displayName} rules={[{ required: true, message: t.common.required }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={editing?.user ? t.users.newPassword : t.users.password}
          rules={[{ required: !editing?.user, message: t.common.required }, { min: 8, message: t.users.passwordRule }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t.users.roles} rules={[{ required: true, message: t.users.rolesRequired }]}>
          <Select mode="multiple" options={optionsOf(t.roles)} allowClear />
        </Form.Item>
      </FormModal>
    </Page>
  );
}
