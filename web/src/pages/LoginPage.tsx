import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../app/auth';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';

export default function LoginPage() {
  const { signIn } = useAuth();
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
    } catch (err) {
      setError(errorText(err, t, { username: t.login.username, password: t.login.password }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 360 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {t.login.title}
        </Typography.Title>
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} showIcon />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t.login.username} rules={[{ required: true, message: t.login.required }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t.login.password} rules={[{ required: true, message: t.login.required }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t.login.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
