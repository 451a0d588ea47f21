import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Result, Row, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useShowError } from '../app/errors';
import { useAuth } from '../app/auth';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { AuditTimeline } from '../app/AuditTimeline';
import { NewCaseButton } from '../aftersales/NewCaseDialog';
import { OrderCasesPanel } from '../aftersales/OrderCasesPanel';
import { useShopOptions } from '../catalog/api';
import { BlacklistControl } from '../customers/BlacklistControl';
import { useWarehouseOptions } from '../inventory/api';
import { OrderParcelsPanel } from '../logistics/OrderParcelsPanel';
import { fetchOrder, type Order } from './api';
import { regionText } from './divisions';
import { FlagTag, StatusTag } from './labels';
import { MergeControl } from './MergeControl';
import { OrderActions } from './OrderActions';
import { OrderEditActions } from './OrderEditActions';
import { OrderEventDetail } from './OrderEventDetail';
import { reissueItems } from './reissueItems';
import { RemarkForm } from './RemarkForm';
import { SkuChangeDialog } from './SkuChangeDialog';
import { ReviewSla } from './ReviewSla';

type Item = Order['items'][number];

function Amounts({ order }: { order: Order }) {
  const { t } = useI18n();
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        { key: 'items', label: t.orders.itemsTotal, children: formatFen(order.itemsTotal) },
        { key: 'shipping', label: t.orders.shippingFee, children: formatFen(order.shippingFee) },
        { key: 'discount', label: t.orders.discount, children: `-${formatFen(order.discount)}` },
        { key: 'total', label: t.orders.total, children: <Typography.Text strong>{formatFen(order.total)}</Typography.Text> },
        { key: 'paid', label: t.orders.paidAmount, children: formatFen(order.paidAmount) },
        { key: 'method', label: t.orders.paymentMethod, children: labelOf(t.paymentMethods, order.paymentMethod) },
      ]}
    />
  );
}

const DIVISION_MATCH_COLORS: Record<Order['address']['divisionMatch'], string> = { exact: 'default', successor: 'blue', zone: 'cyan', unresolved: 'red' };

/** The address as stored (the current division), with what the buyer wrote beneath it when that differs. */
function AddressText({ address }: { address: Order['address'] }) {
  const { t } = useI18n();
  const written = address.asWritten;
  return (
    <Space orientation="vertical" size={2}>
      <span>
        {`${regionText(address.province, address.city, address.district)} ${address.detail} `}
        {address.divisionMatch !== 'exact' && <Tag color={DIVISION_MATCH_COLORS[address.divisionMatch]}>{labelOf(t.divisionMatches, address.divisionMatch)}</Tag>}
        {address.detailMasked && <Tag>{t.orders.detailMasked}</Tag>}
      </span>
      {written && (
        <Typography.Text type="secondary">
          {t.orders.asWritten}：{regionText(written.province, written.city, written.district)}
        </Typography.Text>
      )}
    </Space>
  );
}

function PhoneText({ buyer }: { buyer: Order['buyer'] }) {
  const { t } = useI18n();
  return (
    <span>
      {`${buyer.phone} `}
      {buyer.phoneKind !== 'mobile' && <Tag color={buyer.phoneKind === 'unrecognised' ? 'red' : 'gold'}>{labelOf(t.phoneKinds, buyer.phoneKind)}</Tag>}
    </span>
  );
}

function Buyer({ order, onReveal }: { order: Order; onReveal?: () => void }) {
  const { t } = useI18n();
  const { buyer, address } = order;
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'nick', label: t.orders.buyerNick, children: buyer.nick },
          { key: 'name', label: t.orders.buyerName, children: buyer.name },
          { key: 'phone', label: t.orders.phone, children: <PhoneText buyer={buyer} /> },
          { key: 'address', label: t.orders.address, children: <AddressText address={address} /> },
          { key: 'postal', label: t.orders.postalCode, children: address.postalCode },
          { key: 'message', label: t.orders.buyerMessage, children: order.buyerMessage },
        ]}
      />
      <Space wrap>
        {onReveal && (
          <Button icon={<EyeOutlined />} size="small" onClick={onReveal}>
            {t.orders.reveal}
          </Button>
        )}
        {order.customerId !== null && <BlacklistControl customerId={order.customerId} />}
      </Space>
    </>
  );
}

export default function OrderDetailPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const { shops } = useShopOptions();
  const { warehouses } = useWarehouseOptions();
  const showError = useShowError();
  const order = useQuery({ queryKey: ['order', id], queryFn: () => fetchOrder(id), enabled: Number.isInteger(id) });
  // Revealed once per click and kept aside, so refreshing the order after an action never re-reveals (each reveal is audited).
  const [revealed, setRevealed] = useState<Pick<Order, 'buyer' | 'address'> | null>(null);
  const [changingLine, setChangingLine] = useState<Item | null>(null);
  const reveal = () =>
    fetchOrder(id, true)
      .then(({ buyer, address }) => setRevealed({ buyer, address }))
      .then(() => queryClient.invalidateQueries({ queryKey: ['order', id] }))
      .catch((err: unknown) => showError(err));

  if (order.isLoading) return <Spin />;
  if (order.isError) return <LoadError query={order} />;
  // no number in the address: there is no such order page
  if (!order.data) return <Result status="404" title={t.common.noPermission} />;
  const o = order.data;
  const shopName = shops.find((s) => s.id === o.shopId)?.name ?? o.shopCode;

  const itemColumns: TableColumnsType<Item> = [
    { title: t.orders.skuCode, dataIndex: 'skuCode' },
    { title: t.orders.product, dataIndex: 'productName' },
    { title: t.orders.spec, dataIndex: 'spec' },
    { title: t.orders.unitPrice, dataIndex: 'unitPrice', align: 'right', render: formatFen },
    {
      title: t.orders.quantity,
      dataIndex: 'quantity',
      align: 'right',
      // units taken off by an after-sales 仅退款 before the order was waved ship no more
      render: (quantity: number, item) => (item.cancelledQuantity > 0 ? fill(t.orders.quantityCancelled, { quantity, cancelled: item.cancelledQuantity }) : quantity),
    },
    { title: t.orders.lineTotal, dataIndex: 'lineTotal', align: 'right', render: formatFen },
    ...(o.edits.changeSku
      ? [
          {
            key: 'edit',
            width: 90,
            render: (_: unknown, item: Item) =>
              item.cancelledQuantity === 0 && (
                <Button size="small" onClick={() => setChangingLine(item)}>
                  {t.orderEdits.changeSku}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t.common.back}
        </Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {fill(t.orders.detailTitle, { orderNo: o.orderNo })}
        </Typography.Title>
        <StatusTag status={o.status} />
        <FlagTag flag={o.flag} />
        {o.reissueOf && <Tag color="blue">{t.orders.reissueBadge}</Tag>}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={4}
            items={[
              { key: 'shop', label: t.orders.shop, children: shopName },
              { key: 'platform', label: t.orders.platformOrderId, children: o.platformOrderId },
              { key: 'created', label: t.orders.createdAt, children: formatTime(o.createdAt) },
              { key: 'warehouse', label: t.orders.warehouse, children: warehouses.find((w) => w.id === o.warehouseId)?.name ?? '' },
              ...(o.reviewDueAt && (o.status === 'awaiting_review' || o.status === 'on_hold')
                ? [{ key: 'sla', label: t.orders.reviewDue, children: <ReviewSla dueAt={o.reviewDueAt} /> }]
                : []),
              ...(o.shipBy ? [{ key: 'shipBy', label: t.orders.shipBy, children: formatTime(o.shipBy) }] : []),
              ...reissueItems(o, t.orders),
            ]}
          />
          {o.holdReasons.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={t.orders.holdReasons}
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {o.holdReasons.map((r) => (
                    <li key={r.rule + r.message}>{r.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Space wrap>
            <OrderActions order={o} />
            <OrderEditActions order={o} />
            <NewCaseButton order={o} />
          </Space>
          <MergeControl order={o} />
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={t.orders.items} style={{ marginBottom: 16 }}>
            <Table rowKey="id" size="small" columns={itemColumns} dataSource={o.items} pagination={false} />
          </Card>
          {changingLine && <SkuChangeDialog order={o} line={changingLine} onClose={() => setChangingLine(null)} />}
          {can('logistics.read') && <OrderParcelsPanel orderId={o.id} />}
          {can('aftersales.read') && <OrderCasesPanel orderId={o.id} />}
          <Card title={t.orders.remarks} style={{ marginBottom: 16 }}>
            {o.remarks.length ? (
              <List
                size="small"
                dataSource={o.remarks}
                renderItem={(r) => (
                  <List.Item>
                    <Space>
                      <FlagTag flag={r.flag} />
                      <span>{r.display}</span>
                      <Typography.Text type="secondary">{fill(t.orderEdits.remarkWrittenAt, { time: formatTime(r.createdAt) })}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.common.empty} />
            )}
            {can('orders.remark') && (
              <div style={{ marginTop: 16 }}>
                <RemarkForm orderId={o.id} />
              </div>
            )}
          </Card>
          {o.payments.length > 0 && (
            <Card title={t.orders.payments} style={{ marginBottom: 16 }}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={o.payments}
                columns={[
                  { title: t.orders.paidAt, dataIndex: 'paidAt', render: formatTime },
                  { title: t.orders.payAmount, dataIndex: 'amount', align: 'right', render: formatFen },
                  { title: t.orders.paymentMethod, dataIndex: 'method', render: (m: string) => labelOf(t.paymentMethods, m) },
                  { title: t.orders.transactionNo, dataIndex: 'transactionNo' },
                ]}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t.orders.amounts} style={{ marginBottom: 16 }}>
            <Amounts order={o} />
          </Card>
          <Card title={t.orders.buyerInfo} style={{ marginBottom: 16 }}>
            <Buyer order={revealed ? { ...o, ...revealed } : o} onReveal={can('customers.pii.reveal') && !revealed ? reveal : undefined} />
          </Card>
          <Card title={t.orders.timeline}>
            <AuditTimeline events={o.events} detail={(event) => <OrderEventDetail event={event} />} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
