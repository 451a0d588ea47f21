import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Table } from 'antd';
import { Link } from 'react-router-dom';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { LoadError } from '../app/LoadError';
import { formatFen } from '../app/money';
import { fetchOrderRefunds, type OrderRefunds } from './api';

type Refund = OrderRefunds['items'][number];

/** The order's refund ledger (退款台账): what was paid, refunded and is left, and every refund with its case. */
export function RefundsPanel({ orderId }: { orderId: number }) {
  const { t } = useI18n();
  const a = t.aftersales;
  const refunds = useQuery({ queryKey: ['orderRefunds', orderId], queryFn: () => fetchOrderRefunds(orderId) });
  const data = refunds.data;
  return (
    <Card title={a.refunds} style={{ marginBottom: 16 }} data-testid="order-refunds">
      {refunds.isError ? (
        <LoadError query={refunds} inline />
      ) : (
        <>
          {data && (
            <Descriptions
              size="small"
              column={3}
              items={[
                { key: 'paid', label: a.paid, children: formatFen(data.paid) },
                { key: 'refunded', label: a.refundedTotal, children: formatFen(data.refunded) },
                { key: 'left', label: a.refundable, children: formatFen(data.paid - data.refunded) },
              ]}
            />
          )}
          <Table<Refund>
            rowKey="id"
            size="small"
            loading={refunds.isLoading}
            pagination={false}
            dataSource={data?.items}
            locale={{ emptyText: t.common.empty }}
            columns={[
              { title: a.refundAt, dataIndex: 'at', render: formatTime },
              { title: a.caseNo, dataIndex: 'caseNo', render: (no: string, r) => <Link to={`/aftersales/${r.caseId}`}>{no}</Link> },
              { title: a.amount, dataIndex: 'amount', align: 'right', render: formatFen },
              { title: a.refundReason, dataIndex: 'reason' },
              { title: a.refundMethod, dataIndex: 'method', render: (m: string) => labelOf(a.refundMethods, m) },
              { title: a.refundActor, dataIndex: 'actor' },
              { title: a.approvedBy, dataIndex: 'approvedBy' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
