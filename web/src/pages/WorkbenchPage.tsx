import { Card, Typography } from 'antd';
import { useAuth } from '../app/auth';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';

export default function WorkbenchPage() {
  const { user } = useAuth();
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={3}>{fill(t.workbench.greeting, { name: user?.displayName ?? '' })}</Typography.Title>
      <Card title={t.workbench.today} />
    </div>
  );
}
