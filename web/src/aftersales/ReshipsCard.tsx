import { Card, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../app/i18n';
import { StatusTag } from '../orders/labels';
import type { Case } from './api';

type Reship = Case['reships'][number];

/** The case's reissue orders (补发单), each linked to its order page, with where it is in the warehouse and what it sends. */
export function ReshipsCard({ reships }: { reships: Reship[] }) {
  const { t } = useI18n();
  const a = t.aftersales;
  if (!reships.length) return null;
  const columns: TableColumnsType<Reship> = [
    { title: t.orders.orderNo, dataIndex: 'orderNo', render: (orderNo: string, r) => <Link to={`/orders/${r.orderId}`}>{orderNo}</Link> },
    { title: t.orders.status, dataIndex: 'status', render: (status: Reship['status']) => <StatusTag status={status} /> },
    { title: a.reshipSku, dataIndex: 'lines', render: (lines: Reship['lines']) => lines.map((l) => `${l.skuCode} ${l.productName} ${l.spec} × ${l.quantity}`).join('；') },
  ];
  return (
    <Card title={a.reships} style={{ marginBottom: 16 }} data-testid="case-reships">
      <Table rowKey="orderId" size="small" columns={columns} dataSource={reships} pagination={false} />
    </Card>
  );
}
