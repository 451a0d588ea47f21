import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { useApiMutation } from '../app/useApiMutation';
import { fetchMergeable, mergeOrders, unmergeOrder, type MergeCandidate, type Order } from './api';
import { StatusTag } from './labels';
import { useRefreshAfterOrderChange } from './refresh';

/** Popconfirm keeps its button loading while the promise runs; the mutation has already shown the error. */
const shownByMutation = () => undefined;

/** 合单's dialog: the orders that could ship in one parcel with this one, chosen by their checkboxes, then confirmed. */
function MergeDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useI18n();
  const m = t.merge;
  const refresh = useRefreshAfterOrderChange();
  const [chosen, setChosen] = useState<number[]>([]);
  const candidates = useQuery({ queryKey: ['order', order.id, 'mergeable'], queryFn: () => fetchMergeable(order.id) });
  const merge = useApiMutation(() => mergeOrders([order.id, ...chosen]), {
    success: (group) => fill(m.done, { orderNos: group.orders.map((o) => o.orderNo).join('、') }),
    onSuccess: () => {
      void refresh();
      onClose();
    },
  });
  const columns: TableColumnsType<MergeCandidate> = [
    { title: t.orders.orderNo, dataIndex: 'orderNo' },
    { title: t.orders.status, dataIndex: 'status', render: (status: MergeCandidate['status']) => <StatusTag status={status} /> },
    { title: t.orders.total, dataIndex: 'total', align: 'right', render: formatFen },
    { title: t.orders.createdAt, dataIndex: 'createdAt', render: formatTime },
  ];
  return (
    <Modal
      open
      width={720}
      title={fill(m.title, { orderNo: order.orderNo })}
      okText={fill(m.confirm, { n: chosen.length + 1 })}
      okButtonProps={{ disabled: chosen.length === 0 }}
      confirmLoading={merge.isPending}
      onOk={() => merge.mutate(undefined)}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{m.hint}</Typography.Paragraph>
      {candidates.isError ? (
        <LoadError query={candidates} inline />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={candidates.isLoading}
          columns={columns}
          dataSource={candidates.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: m.none }}
          rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys.map(Number)), getCheckboxProps: (o) => ({ 'aria-label': o.orderNo }) }}
        />
      )}
      {chosen.length === 0 && (candidates.data?.items.length ?? 0) > 0 && <Alert type="info" showIcon title={m.pickOne} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

/** The order's merge (合单) on its page: the orders it ships with, 合单 while it may, 取消合单 (confirmed) until its parcel is packed. */
export function MergeControl({ order }: { order: Order }) {
  const { t } = useI18n();
  const m = t.merge;
  const refresh = useRefreshAfterOrderChange();
  const [merging, setMerging] = useState(false);
  const unmerge = useApiMutation(() => unmergeOrder(order.id), { success: m.unmerged, onSuccess: () => void refresh() });
  const { merge } = order;
  if (merge.orders.length === 0 && !merge.canMerge) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {merge.orders.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={
            <span data-testid="order-merged">
              {m.mergedWith}{' '}
              {merge.orders.map((o, i) => (
                <span key={o.id}>
                  {i > 0 && '、'}
                  <Link to={`/orders/${o.id}`}>{o.orderNo}</Link>
                </span>
              ))}
            </span>
          }
        />
      )}
      <Space wrap>
        {merge.canMerge && <Button onClick={() => setMerging(true)}>{m.action}</Button>}
        {merge.canUnmerge && (
          <Popconfirm title={m.unmergeConfirm} okText={m.unmerge} okButtonProps={{ danger: true }} onConfirm={() => unmerge.mutateAsync(undefined).catch(shownByMutation)}>
            <Button danger loading={unmerge.isPending}>
              {m.unmerge}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {merging && <MergeDialog order={order} onClose={() => setMerging(false)} />}
    </Space>
  );
}
