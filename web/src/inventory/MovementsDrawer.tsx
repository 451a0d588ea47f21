import { useQuery } from '@tanstack/react-query';
import { Drawer, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { QueryTable } from '../app/ListTable';
import { fill } from '../app/locales/zh';
import { fetchMovements, type Movement } from './api';

function Delta({ value }: { value: number }) {
  if (value === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  return <Typography.Text type={value > 0 ? 'success' : 'danger'}>{value > 0 ? `+${value}` : value}</Typography.Text>;
}

/** What a movement belongs to: an order (its number, a link to it) or a receipt's reference number. */
function Reference({ movement, onOpen }: { movement: Movement; onOpen: () => void }) {
  if (!movement.refId) return null;
  if (movement.refType === 'order') {
    return (
      <Link to={`/orders/${movement.refId}`} onClick={onOpen}>
        {movement.orderNo ?? movement.refId}
      </Link>
    );
  }
  return <>{movement.refId}</>;
}

/** The stock ledger of one SKU in one warehouse, newest first, with the balance after each movement. */
export function MovementsDrawer({ target, onClose }: { target: { skuCode: string; warehouseCode: string } | null; onClose: () => void }) {
  const { t } = useI18n();
  // Typed by the server's declared reasons: a reason without a label fails the build.
  const reasonLabels: Record<Movement['reason'], string> = t.movementReasons;
  const [page, setPage] = useState(1);
  const movements = useQuery({
    queryKey: ['movements', target, page],
    queryFn: () => fetchMovements({ skuCode: target!.skuCode, warehouseCode: target!.warehouseCode, page, pageSize: 20 }),
    enabled: !!target,
  });
  const columns: TableColumnsType<Movement> = [
    { title: t.inventory.at, dataIndex: 'at', render: formatTime },
    { title: t.inventory.reason, dataIndex: 'reason', render: (reason: Movement['reason']) => reasonLabels[reason] },
    { title: t.inventory.onHandDelta, dataIndex: 'onHandDelta', align: 'right', render: (v: number) => <Delta value={v} /> },
    { title: t.inventory.onHandAfter, dataIndex: 'onHandAfter', align: 'right' },
    { title: t.inventory.reservedDelta, dataIndex: 'reservedDelta', align: 'right', render: (v: number) => <Delta value={v} /> },
    { title: t.inventory.reservedAfter, dataIndex: 'reservedAfter', align: 'right' },
    { title: t.inventory.warehouse, dataIndex: 'warehouseName' },
    { title: t.inventory.reference, key: 'ref', render: (_, m) => <Reference movement={m} onOpen={onClose} /> },
    { title: t.inventory.actor, dataIndex: 'actorName' },
    { title: t.inventory.note, dataIndex: 'note' },
  ];
  return (
    <Drawer
      open={!!target}
      size={1080}
      title={target ? fill(t.inventory.movementsTitle, { sku: target.skuCode }) : ''}
      onClose={() => {
        setPage(1);
        onClose();
      }}
    >
      <QueryTable
        query={movements}
        rowKey="id"
        size="small"
        columns={columns}
        pagination={{ current: page, pageSize: 20, total: movements.data?.total ?? 0, onChange: setPage }}
      />
    </Drawer>
  );
}
