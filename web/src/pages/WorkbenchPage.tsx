import { AuditOutlined, DatabaseOutlined, FileAddOutlined, InboxOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, List, Row, Space, Statistic, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useAuth } from '../app/auth';
import { formatDuration } from '../app/format';
import { useI18n } from '../app/i18n';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { useNow } from '../app/useNow';
import { useWarehouseOptions } from '../inventory/api';
import { fetchOrders, REVIEW_STATUSES } from '../orders/api';
import { StatusTag } from '../orders/labels';
import { ReviewSla } from '../orders/ReviewSla';

const fetchWorkbench = () => unwrap(api.GET('/api/v1/workbench'));
const URGENT_REVIEWS = 5;

/** The orders waiting longest for a review, for whoever reviews them. */
function UrgentReviews() {
  const { t } = useI18n();
  const now = useNow();
  const orders = useQuery({
    queryKey: ['orders', 'urgent-reviews'],
    queryFn: () => fetchOrders({ status: REVIEW_STATUSES.join(','), sort: 'createdAt', page: 1, pageSize: URGENT_REVIEWS }),
  });
  if (!orders.isError && !orders.data?.items.length) return null;
  return (
    <Card title={t.workbench.urgentReviews} extra={<Link to="/orders/review">{t.menu.reviewQueue}</Link>} style={{ marginBottom: 16 }}>
      {orders.isError ? (
        <LoadError query={orders} />
      ) : (
        <List
          size="small"
          dataSource={orders.data?.items}
          renderItem={(o) => (
            <List.Item>
              <Space>
                <Link to={`/orders/${o.id}`}>{o.orderNo}</Link>
                <StatusTag status={o.status} />
                <Typography.Text type="secondary">
                  {t.orders.waiting} {formatDuration(now - new Date(o.paidAt ?? o.createdAt).getTime(), t.common)}
                </Typography.Text>
                <ReviewSla dueAt={o.reviewDueAt} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Counter({ title, value, to, danger }: { title: string; value: number | undefined; to: string; danger?: boolean }) {
  const navigate = useNavigate();
  return (
    <Card
      hoverable
      role="link"
      tabIndex={0}
      aria-label={title}
      onClick={() => navigate(to)}
      onKeyDown={(e) => e.key === 'Enter' && navigate(to)}
    >
      <Statistic title={title} value={value ?? '-'} styles={{ content: danger && value ? { color: '#cf1322' } : undefined }} />
    </Card>
  );
}

/** 工作台: what needs this user now, by what their roles may do, and the pages they use most. */
export default function WorkbenchPage() {
  const { user, can } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const workbench = useQuery({ queryKey: ['workbench'], queryFn: fetchWorkbench, enabled: can('dashboard.read'), refetchInterval: 60_000 });
  const data = workbench.data;
  const { warehouses } = useWarehouseOptions();

  const counters: ReactNode[] = [];
  // each role sees its own work (the server leaves out what is not theirs): reviewers the review queue, customer service the
  // unpaid, the parcels in trouble and its after-sales cases, finance the payments to confirm, the floor its waves and parcels
  if (can('orders.review')) counters.push(<Counter key="review" title={t.workbench.heldPastSla} value={data?.reviewOverdue ?? undefined} to="/orders/review" danger />);
  if (can('orders.create')) {
    // the counted orders are those created before the first reminder's time: the list is opened to exactly them
    const createdTo: Record<string, string> = data?.unpaidCreatedBefore ? { createdTo: data.unpaidCreatedBefore } : {};
    const unpaid = `/orders?${new URLSearchParams({ status: 'pending_payment', ...createdTo, sort: 'createdAt' }).toString()}`;
    counters.push(<Counter key="unpaid" title={t.workbench.unpaidToRemind} value={data?.unpaidToRemind ?? undefined} to={unpaid} />);
  }
  if (can('orders.pay'))
    counters.push(<Counter key="payments" title={t.workbench.paymentsToConfirm} value={data?.paymentsToConfirm ?? undefined} to="/orders?status=pending_payment" />);
  if (data?.exceptions) {
    counters.push(<Counter key="exceptions" title={t.workbench.exceptionsOpen} value={data.exceptions.open} to="/logistics/exceptions" />);
    counters.push(<Counter key="exceptions-overdue" title={t.workbench.exceptionsOverdue} value={data.exceptions.overdue} to="/logistics/exceptions?overdue=true" danger />);
  }
  if (data?.aftersales) {
    const cases = data.aftersales;
    counters.push(<Counter key="cases-mine" title={t.workbench.myOpenCases} value={cases.mineOpen} to="/aftersales?tab=mine&progress=open" />);
    counters.push(<Counter key="cases-overdue" title={t.workbench.casesOverdue} value={cases.overdue} to="/aftersales?tab=all&progress=overdue" danger />);
    if (cases.toApprove !== null) counters.push(<Counter key="cases-approve" title={t.workbench.refundsToApprove} value={cases.toApprove} to="/aftersales?tab=approval" />);
    counters.push(<Counter key="cases-unrefunded" title={t.workbench.returnsUnrefunded} value={cases.returnUnrefunded} to="/aftersales?tab=all&progress=return_unrefunded" danger />);
  }
  if (data?.warehouse) {
    const { promiseAsOf, promiseSoonUntil } = data.warehouse;
    const unshipped = (shipBy: Record<string, string>) => `/orders?${new URLSearchParams({ status: 'awaiting_fulfillment,in_fulfillment', ...shipBy, sort: 'createdAt' }).toString()}`;
    counters.push(<Counter key="past" title={t.workbench.promisePast} value={data.warehouse.promisePast} to={unshipped({ shipByTo: promiseAsOf })} danger />);
    counters.push(<Counter key="soon" title={t.workbench.promiseSoon} value={data.warehouse.promiseSoon} to={unshipped({ shipByFrom: promiseAsOf, shipByTo: promiseSoonUntil })} />);
    counters.push(<Counter key="wave" title={t.workbench.toWave} value={data.warehouse.toWave} to="/orders?status=awaiting_fulfillment" />);
    counters.push(<Counter key="pick" title={t.workbench.toPick} value={data.warehouse.toPick} to="/fulfillment/waves?status=picking" />);
    counters.push(<Counter key="pack" title={t.workbench.toPack} value={data.warehouse.toPack} to="/fulfillment/parcels?stage=to_pack" />);
    counters.push(<Counter key="weigh" title={t.workbench.toWeigh} value={data.warehouse.toWeigh} to="/fulfillment/parcels?stage=to_weigh" />);
    counters.push(<Counter key="ship" title={t.workbench.toShip} value={data.warehouse.toShip} to="/fulfillment/parcels?stage=to_ship" />);
    counters.push(<Counter key="discrepancies" title={t.workbench.discrepancies} value={data.warehouse.discrepancies} to="/inventory/discrepancies?status=open" danger />);
    counters.push(<Counter key="returns" title={t.workbench.returnsToReceive} value={data.warehouse.returnsToReceive} to="/aftersales?tab=all&status=awaiting_return" />);
  }
  if (can('inventory.read')) counters.push(<Counter key="stock" title={t.workbench.lowStock} value={data?.lowStock.total} to="/inventory/levels?lowStock=true" danger />);

  const shortcuts = [
    { permission: 'orders.review', label: t.menu.reviewQueue, to: '/orders/review', icon: <AuditOutlined /> },
    { permission: 'orders.read', label: t.menu.orderList, to: '/orders', icon: <UnorderedListOutlined /> },
    { permission: 'orders.create', label: t.menu.newOrder, to: '/orders/new', icon: <FileAddOutlined /> },
    { permission: 'inventory.receive', label: t.menu.receipts, to: '/inventory/receipts', icon: <InboxOutlined /> },
    { permission: 'inventory.read', label: t.menu.stockLevels, to: '/inventory/levels', icon: <DatabaseOutlined /> },
  ].filter((s) => can(s.permission));

  return (
    <div>
      <Typography.Title level={3}>{fill(t.workbench.greeting, { name: user?.displayName ?? '' })}</Typography.Title>
      {can('dashboard.read') && counters.length > 0 && (
        <Card title={t.workbench.today} style={{ marginBottom: 16 }} loading={workbench.isLoading}>
          {workbench.isError ? (
            <LoadError query={workbench} />
          ) : (
            <Row gutter={16}>
              {counters.map((counter, i) => (
                <Col key={i} xs={24} md={8}>
                  {counter}
                </Col>
              ))}
            </Row>
          )}
        </Card>
      )}
      {can('orders.review') && <UrgentReviews />}
      {can('inventory.read') && !workbench.isError && !!data?.lowStock.items.length && (
        <Card title={t.workbench.lowStock} style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey={(a) => `${a.skuId}-${a.warehouseId}`}
            pagination={false}
            dataSource={data.lowStock.items}
            columns={[
              { title: t.inventory.skuCode, dataIndex: 'skuCode' },
              { title: t.inventory.product, key: 'product', render: (_, a) => `${a.productName} ${a.spec}` },
              { title: t.inventory.warehouse, dataIndex: 'warehouseId', render: (id: number) => warehouses.find((w) => w.id === id)?.name ?? '' },
              { title: t.inventory.available, dataIndex: 'available', align: 'right' },
              { title: t.products.safetyStock, dataIndex: 'safetyStock', align: 'right' },
              { title: t.workbench.shortfall, dataIndex: 'shortfall', align: 'right' },
            ]}
          />
        </Card>
      )}
      {shortcuts.length > 0 && (
        <Card title={t.workbench.shortcuts}>
          <Space wrap>
            {shortcuts.map((s) => (
              <Button key={s.to} icon={s.icon} size="large" onClick={() => navigate(s.to)}>
                {s.label}
              </Button>
            ))}
          </Space>
        </Card>
      )}
    </div>
  );
}
