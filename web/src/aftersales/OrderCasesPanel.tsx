import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { LoadError } from '../app/LoadError';
import { fetchCases } from './api';
import { CaseStatusTag, CaseTags } from './labels';

/** The order's after-sales cases on its page, each a link to the case. */
export function OrderCasesPanel({ orderId }: { orderId: number }) {
  const { t } = useI18n();
  const cases = useQuery({ queryKey: ['aftersalesCases', 'order', orderId], queryFn: () => fetchCases({ orderId, page: 1, pageSize: 50 }) });
  return (
    <Card title={t.aftersales.orderCases} style={{ marginBottom: 16 }} data-testid="order-cases">
      {cases.isLoading ? (
        <Spin />
      ) : cases.isError ? (
        <LoadError query={cases} inline />
      ) : cases.data?.items.length ? (
        <List
          size="small"
          dataSource={cases.data.items}
          renderItem={(c) => (
            <List.Item>
              <Space wrap>
                <Link to={`/aftersales/${c.id}`}>{c.caseNo}</Link>
                <span>{labelOf(t.aftersales.types, c.type)}</span>
                <CaseStatusTag status={c.status} />
                <CaseTags c={c} />
                <Typography.Text type="secondary">{c.reason}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.aftersales.noCases} />
      )}
    </Card>
  );
}
